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

/** Who did what, when, from which split to which, and why - newest first. */
export function RolloutTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  return (
    <List isPlain data-testid="rollout-timeline">
      {[...entries].reverse().map((e, i) => (
        <ListItem key={`${e.at}-${i}`} data-testid="timeline-entry" data-action={e.action}>
          <time dateTime={e.at}>{new Date(e.at).toLocaleTimeString()}</time> <strong>{e.actor}</strong>{' '}
          {VERBS[e.action]}: {e.from ? `${100 - e.from.canaryWeight}/${e.from.canaryWeight} → ` : ''}
          {100 - e.to.canaryWeight}/{e.to.canaryWeight} (stable/canary)
          {e.reason ? <span className="sluice-muted"> — {e.reason}</span> : null}
        </ListItem>
      ))}
    </List>
  );
}
