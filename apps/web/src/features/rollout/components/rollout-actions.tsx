import { useState } from 'react';
import { Button, Flex, FlexItem, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import type { GateEvaluation, RolloutActionKind, RolloutState } from '@sluice/model';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { useToast } from '@/components/toaster';
import { useRolloutAction } from '../api/post-rollout';
import { ACTION_LABELS, ACTIONS, actionAvailable, confirmation } from '../utils/describe-action';

interface RolloutActionsProps {
  ns: string;
  name: string;
  state: RolloutState;
  gates: GateEvaluation | null;
}

/** Next / pause / resume / promote / abort, each behind a confirmation that says what will happen. */
export function RolloutActions({ ns, name, state, gates }: RolloutActionsProps) {
  const [pending, setPending] = useState<RolloutActionKind | null>(null);
  const mutation = useRolloutAction({ ns, name });
  const toast = useToast();

  const handleConfirm = () => {
    if (!pending) return;
    const action = pending;
    // `next` is pinned to the step on screen, so a driver move in between is a 409, never a skipped step.
    const body = action === 'next' ? { expectedStep: state.stepIndex } : {};
    mutation.mutate(
      { action, body },
      {
        onSuccess: () => toast({ variant: 'success', title: `Rollout: ${ACTION_LABELS[action].toLowerCase()} done` }),
        onSettled: () => setPending(null),
      },
    );
  };

  return (
    <>
      <Flex data-testid="rollout-actions">
        {ACTIONS.filter((a) => actionAvailable(state, a)).map((a) => (
          <FlexItem key={a}>
            <Button
              variant={a === 'abort' ? 'danger' : a === 'next' ? 'primary' : 'secondary'}
              onClick={() => setPending(a)}
              data-testid={`rollout-${a}`}
            >
              {ACTION_LABELS[a]}
            </Button>
          </FlexItem>
        ))}
      </Flex>
      {mutation.error && <ApiErrorAlert error={mutation.error} title="The rollout did not change" />}
      <Modal
        isOpen={pending !== null}
        onClose={() => setPending(null)}
        variant="small"
        aria-labelledby="rollout-confirm-title"
        data-testid="rollout-confirm"
      >
        <ModalHeader title={pending ? `${ACTION_LABELS[pending]}?` : ''} labelId="rollout-confirm-title" />
        <ModalBody>{pending ? confirmation(state, pending, gates) : null}</ModalBody>
        <ModalFooter>
          <Button
            variant={pending === 'abort' ? 'danger' : 'primary'}
            onClick={handleConfirm}
            isLoading={mutation.isPending}
            data-testid="confirm-action"
          >
            {pending ? ACTION_LABELS[pending] : 'Confirm'}
          </Button>
          <Button variant="link" onClick={() => setPending(null)} data-testid="confirm-cancel">
            Cancel
          </Button>
        </ModalFooter>
      </Modal>
    </>
  );
}
