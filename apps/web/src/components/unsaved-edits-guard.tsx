import { useEffect } from 'react';
import { Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { useBlocker } from 'react-router-dom';
import { useHasUnsavedEdits } from '../lib/unsaved-edits';

/**
 * Warns before unsaved edits are lost: the browser's own prompt on reload or closing the tab
 * (beforeunload), and a dialog on in-app navigation to another page. Query-only changes (window,
 * route tab, refresh) keep the page and its forms, so they pass.
 */
export function UnsavedEditsGuard() {
  const unsaved = useHasUnsavedEdits();
  useEffect(() => {
    if (!unsaved) return;
    const handleBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', handleBeforeUnload);
    return () => window.removeEventListener('beforeunload', handleBeforeUnload);
  }, [unsaved]);
  // A navigation that takes the edits along ("Preview on graph" carries them in its URL) loses nothing.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      unsaved &&
      currentLocation.pathname !== nextLocation.pathname &&
      (nextLocation.state as { carriesEdits?: boolean } | null)?.carriesEdits !== true,
  );
  if (blocker.state !== 'blocked') return null;
  return (
    <Modal
      isOpen
      variant="small"
      onClose={() => blocker.reset()}
      aria-labelledby="unsaved-edits-title"
      data-testid="unsaved-edits-dialog"
    >
      <ModalHeader title="Leave with unsaved edits?" labelId="unsaved-edits-title" titleIconVariant="warning" />
      <ModalBody>Your changes on this page have not been applied. Leaving throws them away.</ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={() => blocker.reset()} data-testid="unsaved-stay">
          Stay and keep editing
        </Button>
        <Button variant="link" isDanger onClick={() => blocker.proceed()} data-testid="unsaved-leave">
          Leave and discard
        </Button>
      </ModalFooter>
    </Modal>
  );
}
