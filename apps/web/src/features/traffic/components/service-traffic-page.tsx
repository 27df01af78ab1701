import {
  Alert,
  Card,
  CardBody,
  CardTitle,
  Label,
  LabelGroup,
  PageSection,
  Stack,
  StackItem,
  Title,
} from '@patternfly/react-core';
import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { FindingsList } from '@/components/findings-list';
import { QueryState } from '@/components/page-state';
import { TrafficCoverageNotices } from '@/components/traffic-coverage';
import { useGlobalLink, useGlobalParams } from '@/lib/url-state';
import type { ServiceTraffic } from '@sluice/model';
import { useServiceTraffic } from '../api/get-service-traffic';
import { ObservedTable } from './observed-table';
import { SetupRouting } from './setup-routing';
import { DestinationPolicyCard } from '../policy/destination-policy-card';
import { GatewayRouteCard } from './gateway-route-card';
import { VirtualServiceCard } from './virtual-service-card';

// Charts load on their own, after the page: the service page's chunk does not grow with them.
const MetricsPanel = lazy(() => import('@/components/metrics/metrics-panel'));

/** /namespaces/:ns/services/:name — everything an operator does to one service's traffic. */
export default function ServiceTrafficPage() {
  const { ns = '', name = '' } = useParams();
  const { window } = useGlobalParams();
  const query = useServiceTraffic(ns, name, window);
  const link = useGlobalLink();
  const [search] = useSearchParams();
  const initialTab = search.get('tab') ?? undefined;
  return (
    <PageSection>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => {
          const t = query.data;
          if (!t) return null;
          return (
            <Stack hasGutter>
              <StackItem>
                <Title headingLevel="h1" data-testid="service-title">
                  {t.service} <span className="sluice-muted">in {t.namespace}</span>
                </Title>
                <LabelGroup aria-label="Service facts" numLabels={10}>
                  <Label isCompact color="blue">
                    {t.protocol.toUpperCase()}
                  </Label>
                  {t.versions.map((v) => (
                    <Label key={v} isCompact variant="outline">
                      {v}
                    </Label>
                  ))}
                  <Link
                    to={link('/graph', { focus: `${t.namespace}/${t.service}`, namespaces: t.namespace })}
                    data-testid="show-in-graph"
                  >
                    Show in graph
                  </Link>
                  <Link
                    to={link(
                      `/namespaces/${encodeURIComponent(t.namespace)}/services/${encodeURIComponent(t.service)}/rollout`,
                    )}
                    data-testid="rollout-link"
                  >
                    Canary rollout
                  </Link>
                </LabelGroup>
              </StackItem>
              {t.virtualServices
                .filter((vs) => vs.rollout)
                .map((vs) => (
                  <StackItem key={`rollout-${vs.namespace}/${vs.name}`}>
                    <Alert
                      variant="info"
                      isInline
                      title={`${vs.rollout?.mode === 'automatic' ? 'An automatic' : 'A manual'} rollout is ${vs.rollout?.phase} on VirtualService ${vs.name}: step ${(vs.rollout?.stepIndex ?? 0) + 1}, canary at ${vs.rollout?.canaryWeight}%`}
                      data-testid="rollout-banner"
                    >
                      The rollout sets its route&apos;s weights; a weight change here needs an explicit override and
                      pauses it.{' '}
                      <Link
                        to={link(
                          `/namespaces/${encodeURIComponent(t.namespace)}/services/${encodeURIComponent(t.service)}/rollout`,
                        )}
                        data-testid="rollout-banner-link"
                      >
                        Open the rollout
                      </Link>
                    </Alert>
                  </StackItem>
                ))}
              {t.observed.metricsError && (
                <StackItem>
                  <Alert
                    variant="warning"
                    isInline
                    title="Metrics unavailable: observed traffic is missing or stale"
                    data-testid="metrics-error"
                  >
                    {t.observed.metricsError}
                  </Alert>
                </StackItem>
              )}
              {!t.observed.metricsError && (
                <StackItem>
                  <TrafficCoverageNotices
                    coverage={t.observed}
                    window={t.observed.window}
                    showEmpty={t.observed.versions.length === 0}
                  />
                </StackItem>
              )}
              <StackItem>
                <Card isCompact>
                  <CardTitle component="h2">
                    Observed over {t.observed.window} · {t.observed.rps.toFixed(1)}{' '}
                    {t.protocol === 'tcp' ? 'conn/s' : 'req/s'} · all callers, all routes
                  </CardTitle>
                  <CardBody>
                    <ObservedTable observed={t.observed} protocol={t.protocol} />
                  </CardBody>
                </Card>
              </StackItem>
              <StackItem>
                <Suspense fallback={null}>
                  <MetricsPanel kind="service" namespace={t.namespace} name={t.service} />
                </Suspense>
              </StackItem>
              {t.findings.length > 0 && (
                <StackItem>
                  <Card isCompact>
                    <CardTitle component="h2">Findings</CardTitle>
                    <CardBody>
                      <FindingsList findings={t.findings} testId="service-findings" />
                    </CardBody>
                  </Card>
                </StackItem>
              )}
              {t.virtualServices.length === 0 && (t.gatewayRoutes ?? []).length === 0 && (
                <StackItem>
                  <SetupRouting namespace={t.namespace} service={t.service} versions={t.versions} />
                </StackItem>
              )}
              {t.virtualServices.map((vs) => (
                <StackItem key={`${vs.namespace}/${vs.name}`}>
                  <VirtualServiceCard traffic={t} vs={vs} initialTab={initialTab} />
                </StackItem>
              ))}
              {(t.gatewayRoutes ?? []).map((route) => (
                <StackItem key={`${route.kind}/${route.namespace}/${route.name}`}>
                  <GatewayRouteCard traffic={t} route={route} />
                </StackItem>
              ))}
              {destinationRuleOf(t) && (
                <StackItem>
                  <DestinationPolicyCard namespace={t.namespace} name={destinationRuleOf(t) as string} />
                </StackItem>
              )}
            </Stack>
          );
        }}
      </QueryState>
    </PageSection>
  );
}

/** The DestinationRule that defines this service's subsets (the policy forms edit it), if any. */
function destinationRuleOf(t: ServiceTraffic): string | undefined {
  return t.subsets.find((s) => s.destinationRule)?.destinationRule;
}
