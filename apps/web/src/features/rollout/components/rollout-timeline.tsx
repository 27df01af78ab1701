import { List, ListItem } from '@patternfly/react-core';
import type { TimelineEntry } from '@sluice/model';

const VERBS: Record<TimelineEntry['action'], string> = {
  start: 'started the rollout',
  next: 'moved to the next step',
  advance: 'advanced (gates passed)',
  pause: 'paused',
  resume: 'resumed',
  promote: 'promoted the canary',
  abort: 'aborted',
  failedCheck: 'recorded a failed check',
  rollback: 'rolled back',
  drift: 'changed the route weights outside the rollout',
};

const pair = (w: { stable: number; canary: number }) => `${w.stable}/${w.canary}`;

/**
 * The split before and after. Where the route carried something else than the rollout's step (a
 * drift, an abort after one), the weights really on the route are shown, never the step's.
 */
function splitText(e: TimelineEntry): string {
  const to = { stable: 100 - e.to.canaryWeight, canary: e.to.canaryWeight };
  if (e.action === 'drift' && e.routeWeights && e.newWeights)
    return `route ${pair(e.routeWeights)} → ${pair(e.newWeights)}, rollout paused at step ${e.to.step + 1}`;
  const from = e.routeWeights ?? (e.from ? { stable: 100 - e.from.canaryWeight, canary: e.from.canaryWeight } : null);
  return `${from ? `${pair(from)} → ` : ''}${pair(to)}`;
}

/** Who did what, when, from which split to which, and why - newest first. */
export function RolloutTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  return (
    <List isPlain data-testid="rollout-timeline">
      {[...entries].reverse().map((e, i) => (
        <ListItem key={`${e.at}-${i}`} data-testid="timeline-entry" data-action={e.action}>
          <time dateTime={e.at}>{new Date(e.at).toLocaleTimeString()}</time> <strong>{e.actor}</strong>{' '}
          {VERBS[e.action]}: {splitText(e)} (stable/canary)
          {e.reason ? <span className="sluice-muted"> — {e.reason}</span> : null}
        </ListItem>
      ))}
    </List>
  );
}
