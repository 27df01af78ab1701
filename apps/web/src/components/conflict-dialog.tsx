import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';

interface ConflictDialogProps {
  isOpen: boolean;
  objectName: string;
  isReapplying?: boolean;
  onReapply: () => void;
  onDiscard: () => void;
}

/** A 409: someone changed the object after it was loaded. Nothing was written; offer to redo the change on top. */
export function ConflictDialog({ isOpen, objectName, isReapplying, onReapply, onDiscard }: ConflictDialogProps) {
  return (
    <Modal isOpen={isOpen} onClose={onDiscard} variant="small" aria-labelledby="conflict-title" data-testid="conflict-dialog">
      <ModalHeader title="Changed by someone else" titleIconVariant="warning" labelId="conflict-title" />
      <ModalBody>
        {objectName} was modified after you loaded it, so your change was not written. Reload the latest version and apply
        your change on top of it, or discard your change.
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={onReapply} isLoading={isReapplying} data-testid="conflict-reapply">
          Reload and reapply
        </Button>
        <Button variant="link" onClick={onDiscard} data-testid="conflict-discard">
          Discard my change
        </Button>
      </ModalFooter>
    </Modal>
  );
}
