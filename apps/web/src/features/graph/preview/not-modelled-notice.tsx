import { Alert, List, ListItem } from '@patternfly/react-core';
import { unmodelledEffects, type ChangeOps } from '@sluice/model';

/**
 * What the pending change does that the prediction cannot model (a DestinationRule policy, header
 * operations or rewrites steering a later hop), said above the numbers: otherwise the overlay's
 * "no change" would read as "this change does nothing to traffic". Derived from the changes in the
 * link, so it shows while the preview loads and whatever the API adds to its assumptions.
 */
export function NotModelledNotice({ changes }: { changes: readonly ChangeOps[] }) {
  const notes = unmodelledEffects(changes);
  if (notes.length === 0) return null;
  return (
    <Alert
      variant="info"
      isInline
      title="Part of this change is not modelled: its effect is not in the expected traffic"
      data-testid="preview-not-modelled"
    >
      <List>
        {notes.map((n) => (
          <ListItem key={n}>{n}</ListItem>
        ))}
      </List>
    </Alert>
  );
}
