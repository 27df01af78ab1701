import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';

interface ConflictDialogProps {
  isOpen: boolean;
  objectName: string;
  isReapplying?: boolean;
  onReapply: () => void;
  onDiscard: () => void;
  /** What "reload" leads to, where it is not a write (the YAML editor reloads for review). */
  reapplyLabel?: string;
  message?: string;
}

/** A 409: someone changed the object after it was loaded. Nothing was written; offer to redo the change on top. */
export function ConflictDialog({
  isOpen,
  objectName,
  isReapplying,
  onReapply,
  onDiscard,
  reapplyLabel = 'Reload and reapply',
  message,
}: ConflictDialogProps) {
  return (
    <Modal
      isOpen={isOpen}
      onClose={onDiscard}
      variant="small"
      aria-labelledby="conflict-title"
      data-testid="conflict-dialog"
    >
      <ModalHeader title="Changed by someone else" titleIconVariant="warning" labelId="conflict-title" />
      <ModalBody>
        {objectName} was modified after you loaded it, so your change was not written.{' '}
        {message ?? 'Reload the latest version and apply your change on top of it, or discard your change.'}
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onReapply} isLoading={isReapplying} data-testid="conflict-reapply">
          {reapplyLabel}
        </Button>
        <Button variant="link" onClick={onDiscard} data-testid="conflict-discard">
          Discard my change
        </Button>
      </ModalFooter>
    </Modal>
  );
}
