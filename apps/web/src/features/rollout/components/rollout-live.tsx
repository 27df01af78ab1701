import { Card, CardBody, CardTitle, Flex, Label, Stack, StackItem } from '@patternfly/react-core';
import type { RolloutState, RolloutView } from '@sluice/model';
import { formatMs, formatPercent, formatRps } from '@/lib/format';
import { ChartTable } from './chart-table';
import { GatesTable } from './gates-table';
import { RolloutActions } from './rollout-actions';
import { PreviewNextStep } from './preview-next-step';
import { RolloutChart } from './rollout-chart';
import { RolloutStepper } from './rollout-stepper';
import { RolloutTimeline } from './rollout-timeline';
import { SplitCompare } from './split-compare';

const PHASE_COLORS = {
  progressing: 'blue',
  paused: 'orange',
  promoted: 'green',
  rolledBack: 'red',
  aborted: 'grey',
} as const;

const gateSourceLabel = (source: 'destination' | 'client') =>
  source === 'client' ? 'client-reported (source)' : 'destination-reported';

/** A rollout that exists (running or finished): stepper, actions, gates, split, charts and timeline. */
export function RolloutLive({ view, state, readOnly }: { view: RolloutView; state: RolloutState; readOnly: boolean }) {
  const { plan } = state;
  return (
    <Stack hasGutter>
      <StackItem>
        <Card isCompact>
          <CardTitle component="h2">
            <Flex>
              <span>
                {plan.stable.subset ?? plan.stable.host} → {plan.canary.subset ?? plan.canary.host} · {plan.mode}
              </span>
              <Label color={PHASE_COLORS[state.phase]} data-testid="rollout-phase" data-phase={state.phase}>
                {state.phase}
              </Label>
              {state.failedChecks > 0 && (
                <Label
                  color="red"
                  isCompact
                  data-testid="rollout-failed-checks"
                >{`${state.failedChecks} of ${plan.maxFailedChecks} failed checks`}</Label>
              )}
            </Flex>
          </CardTitle>
          <CardBody>
            <Stack hasGutter>
              <RolloutStepper state={state} />
              {!readOnly && <RolloutActions ns={view.namespace} name={view.service} state={state} gates={view.gates} />}
              {!readOnly && <PreviewNextStep view={view} state={state} />}
              <SplitCompare view={view} />
            </Stack>
          </CardBody>
        </Card>
      </StackItem>
      {view.gates && (
        <StackItem>
          <Card isCompact>
            <CardTitle component="h3" data-testid="gates-title">
              Gates over {view.gates.window} {view.gates.since ? `since step ${state.stepIndex + 1} started` : ''} ·{' '}
              {gateSourceLabel(view.gates.source)}
            </CardTitle>
            <CardBody>
              <GatesTable gates={view.gates} />
            </CardBody>
          </Card>
        </StackItem>
      )}
      <StackItem>
        <Card isCompact>
          <CardTitle component="h3">
            Stable (blue) vs canary (orange) over the rollout · {gateSourceLabel(plan.gates.source)} · dashed lines:
            canary weight changes
          </CardTitle>
          <CardBody>
            <div data-testid="rollout-charts">
              <RolloutChart
                title="Request rate (req/s)"
                testId="chart-rps"
                points={view.series}
                value={(s) => s.rps}
                format={(v) => `${formatRps(v)}/s`}
              />
              <RolloutChart
                title="Error rate (share of requests failing)"
                testId="chart-errors"
                points={view.series}
                value={(s) => s.errorRate}
                format={(v) => formatPercent(v, 1)}
              />
              <RolloutChart
                title="p99 latency"
                testId="chart-p99"
                points={view.series}
                value={(s) => s.p99Ms}
                format={(v) => formatMs(v)}
              />
            </div>
            <ChartTable points={view.series} />
          </CardBody>
        </Card>
      </StackItem>
      <StackItem>
        <Card isCompact>
          <CardTitle component="h3">Timeline</CardTitle>
          <CardBody>
            <RolloutTimeline entries={state.timeline} />
          </CardBody>
        </Card>
      </StackItem>
    </Stack>
  );
}
