import { Alert, AlertActionLink } from '@patternfly/react-core';
import type { EditBase } from '@/lib/edit-kit/use-edit-base';

interface Props {
  edit: Pick<EditBase<unknown, unknown>, 'stale' | 'discard'>;
  /** While our own write is in flight, the new version may be ours: say nothing until it settles. */
  isPending?: boolean;
  kind?: string;
  action?: string;
  /** What the conflict dialog then offers. */
  then?: string;
}

/**
 * Shown in a form whose unsaved edits are based on an older object than the one stored now. The
 * edits stay; Apply (Save) gets the 409 and its conflict dialog, or the user discards them.
 */
export function StaleBaseWarning({
  edit,
  isPending = false,
  kind = 'VirtualService',
  action = 'Apply',
  then = 'reload and reapply',
}: Props) {
  if (!edit.stale || isPending) return null;
  return (
    <Alert
      variant="warning"
      isInline
      title="Changed by someone else while you were editing"
      data-testid="stale-base-warning"
      actionLinks={
        <AlertActionLink onClick={edit.discard} data-testid="discard-edits">
          Discard my edits
        </AlertActionLink>
      }
    >
      This {kind} was changed by someone else since you started editing (resourceVersion {edit.stale.from} -&gt;{' '}
      {edit.stale.to}). {action} will ask you to {then}; or discard your edits.
    </Alert>
  );
}
