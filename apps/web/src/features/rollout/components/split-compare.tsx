import {
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
} from '@patternfly/react-core';
import type { RolloutView } from '@sluice/model';
import { formatPercent } from '@/lib/format';

const pair = (s: { stable: number; canary: number } | null, fraction = false) =>
  s === null
    ? '–'
    : fraction
      ? `${formatPercent(s.stable)} / ${formatPercent(s.canary)}`
      : `${s.stable}% / ${s.canary}%`;

/** What the rollout asks for, what the route carries and what the data plane did (stable / canary). */
export function SplitCompare({ view }: { view: RolloutView }) {
  return (
    <DescriptionList isHorizontal isCompact data-testid="split-compare">
      <DescriptionListGroup>
        <DescriptionListTerm>Expected</DescriptionListTerm>
        <DescriptionListDescription data-testid="split-expected" data-canary={view.expected?.canary}>
          {pair(view.expected)}
        </DescriptionListDescription>
      </DescriptionListGroup>
      <DescriptionListGroup>
        <DescriptionListTerm>Route weights</DescriptionListTerm>
        <DescriptionListDescription
          data-testid="split-route"
          data-stable={view.routeWeights?.stable}
          data-canary={view.routeWeights?.canary}
        >
          {pair(view.routeWeights)}
        </DescriptionListDescription>
      </DescriptionListGroup>
      <DescriptionListGroup>
        <DescriptionListTerm>Observed ({view.gates?.window ?? '–'})</DescriptionListTerm>
        <DescriptionListDescription data-testid="split-observed" data-canary={view.observed?.canary}>
          {pair(view.observed, true)}
        </DescriptionListDescription>
      </DescriptionListGroup>
    </DescriptionList>
  );
}
