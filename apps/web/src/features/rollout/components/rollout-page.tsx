import { Alert, Card, CardBody, CardTitle, PageSection, Stack, StackItem, Title } from '@patternfly/react-core';
import { isTerminal, type RolloutView } from '@sluice/model';
import { Link, useParams } from 'react-router-dom';
import { Empty, QueryState } from '@/components/page-state';
import { useHealth } from '@/lib/queries/health';
import { useGlobalLink } from '@/lib/url-state';
import { useRollout } from '../api/get-rollout';
import { RehearseHealth } from './rehearse-health';
import { RolloutLive } from './rollout-live';
import { StartRolloutForm } from './start-rollout-form';

/** /namespaces/:ns/services/:name/rollout — a guided canary rollout of one service. */
export default function RolloutPage() {
  const { ns = '', name = '' } = useParams();
  const query = useRollout(ns, name);
  const link = useGlobalLink();
  const demo = useHealth().data?.cluster === 'demo';
  return (
    <PageSection data-testid="rollout-page">
      <QueryState isPending={query.isPending} error={query.error}>
        {() => {
          const view = query.data;
          if (!view) return null;
          const { state } = view;
          const canStart = !view.managedBy && view.virtualService !== null && (!state || isTerminal(state.phase));
          return (
            <Stack hasGutter>
              <StackItem>
                <Title headingLevel="h1" data-testid="rollout-title">
                  Rollout of {view.service} <span className="sluice-muted">in {view.namespace}</span>
                </Title>
                {view.virtualService !== null && (
                  <p className="sluice-muted" data-testid="rollout-carrier">
                    Shifts the weights of {view.kind ?? 'VirtualService'} {view.virtualService}
                  </p>
                )}
                <Link
                  to={link(`/namespaces/${encodeURIComponent(ns)}/services/${encodeURIComponent(name)}`)}
                  data-testid="rollout-back"
                >
                  Service traffic
                </Link>
              </StackItem>
              {view.managedBy && (
                <StackItem>
                  <Alert
                    variant="info"
                    isInline
                    title={`Managed by ${view.managedBy}: read-only`}
                    data-testid="rollout-managed-by"
                  >
                    {view.managedBy} sets this VirtualService&apos;s weights and would overwrite any change made here.
                    Drive the rollout from its resource.
                  </Alert>
                </StackItem>
              )}
              {view.stateError && (
                <StackItem>
                  <Alert
                    variant="warning"
                    isInline
                    title="The stored rollout cannot be read"
                    data-testid="rollout-state-error"
                  >
                    {view.stateError}
                  </Alert>
                </StackItem>
              )}
              {view.metricsError && (
                <StackItem>
                  <Alert
                    variant="warning"
                    isInline
                    title="Metrics unavailable: gates are stale and decide nothing"
                    data-testid="metrics-error"
                  >
                    {view.metricsError}
                  </Alert>
                </StackItem>
              )}
              {view.virtualService === null && (
                <StackItem>
                  <Empty title="No routing">
                    This service has no VirtualService or HTTPRoute yet; set up routing on its traffic page first.
                  </Empty>
                </StackItem>
              )}
              {state && (
                <StackItem>
                  <RolloutLive view={view} state={state} readOnly={Boolean(view.managedBy)} />
                </StackItem>
              )}
              {demo && view.versions.length > 0 && !view.managedBy && (
                <StackItem>
                  <RehearseHealth ns={ns} versions={view.versions} initial={canaryVersionIndex(view)} />
                </StackItem>
              )}
              {canStart && (
                <StackItem>
                  <Card isCompact>
                    <CardTitle component="h2">{state ? 'Start another rollout' : 'Start a rollout'}</CardTitle>
                    <CardBody>
                      <StartRolloutForm ns={ns} name={name} destinations={view.destinations} />
                    </CardBody>
                  </Card>
                </StackItem>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </PageSection>
  );
}

/** The rollout's canary (or, before one, the start form's default canary: the second destination). */
function canaryVersionIndex(view: RolloutView): number {
  const canary = view.state?.plan.canary ?? view.destinations[1];
  const i = view.versions.findIndex(
    (v) => canary !== undefined && v.destination.host === canary.host && v.destination.subset === canary.subset,
  );
  return i >= 0 ? i : 0;
}
