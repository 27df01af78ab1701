import { useState } from 'react';
import {
  Button,
  Flex,
  FlexItem,
  FormGroup,
  List,
  ListItem,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  TextArea,
} from '@patternfly/react-core';
import type { GateEvaluation, RolloutActionKind, RolloutState } from '@sluice/model';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { useToast } from '@/components/toaster';
import { useRolloutAction } from '../api/post-rollout';
import { ACTION_LABELS, ACTIONS, actionAvailable, confirmation, gateWarnings } from '../utils/describe-action';

interface RolloutActionsProps {
  ns: string;
  name: string;
  state: RolloutState;
  gates: GateEvaluation | null;
}

/** Next / pause / resume / promote / abort, each behind a confirmation that says what will happen. */
export function RolloutActions({ ns, name, state, gates }: RolloutActionsProps) {
  const [pending, setPending] = useState<RolloutActionKind | null>(null);
  const [reason, setReason] = useState('');
  const mutation = useRolloutAction({ ns, name });
  const toast = useToast();
  const warnings = gateWarnings(gates);

  const handleConfirm = () => {
    if (!pending) return;
    const action = pending;
    // `next` is pinned to the step on screen, so a driver move in between is a 409, never a skipped step.
    const why = reason.trim();
    const body = {
      ...(action === 'next' ? { expectedStep: state.stepIndex } : {}),
      ...(action === 'abort' && why ? { reason: why } : {}),
    };
    mutation.mutate(
      { action, body },
      {
        onSuccess: () => toast({ variant: 'success', title: `Rollout: ${ACTION_LABELS[action].toLowerCase()} done` }),
        onSettled: () => {
          setPending(null);
          setReason('');
        },
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
        <ModalBody>
          {pending ? <p data-testid="confirm-text">{confirmation(state, pending, gates)}</p> : null}
          {(pending === 'next' || pending === 'promote') && warnings.length > 0 && (
            <List data-testid="confirm-gates" aria-label="Gates not passing">
              {warnings.map((w) => (
                <ListItem key={w.text} data-status={w.status}>
                  <strong>{w.status === 'fail' ? 'Failing' : 'Waiting'}</strong> – {w.text}
                </ListItem>
              ))}
            </List>
          )}
          {pending === 'abort' && (
            <FormGroup label="Reason (optional, goes into the timeline)" fieldId="rollout-abort-reason">
              <TextArea
                id="rollout-abort-reason"
                value={reason}
                onChange={(_e, v) => setReason(v)}
                maxLength={500}
                resizeOrientation="vertical"
                data-testid="abort-reason"
              />
            </FormGroup>
          )}
        </ModalBody>
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
