import { lazy, Suspense } from 'react';
import {
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
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '@/components/page-state';
import { useGlobalLink } from '@/lib/url-state';
import { useWorkload } from '../api/get-workload';
import { PodsTable } from './pods-table';

const MetricsPanel = lazy(() => import('@/components/metrics/metrics-panel'));

/**
 * /namespaces/:ns/workloads/:name — one workload: its version, replicas, pods, services, the other versions of its
 * app, metrics over time.
 */
export default function WorkloadPage() {
  const { ns = '', name = '' } = useParams();
  const query = useWorkload(ns, name);
  const link = useGlobalLink();
  return (
    <PageSection data-testid="workload-page">
      <QueryState isPending={query.isPending} error={query.error}>
        {() => {
          const w = query.data;
          if (!w) return null;
          return (
            <Stack hasGutter>
              <StackItem>
                <Title headingLevel="h1" data-testid="workload-title">
                  {w.name} <span className="sluice-muted">in {w.namespace}</span>
                </Title>
                <LabelGroup aria-label="Workload facts" numLabels={10}>
                  <Label isCompact color="blue">
                    {w.kind}
                  </Label>
                  <Label isCompact variant="outline" data-testid="workload-version">
                    app {w.app} · version {w.version}
                  </Label>
                  <Label isCompact variant="outline" data-testid="workload-replicas">
                    {w.replicas} {w.replicas === 1 ? 'replica' : 'replicas'} desired
                  </Label>
                  {w.services.map((s) => (
                    <Link key={s} to={link(`/namespaces/${encodeURIComponent(ns)}/services/${encodeURIComponent(s)}`)}>
                      service {s}
                    </Link>
                  ))}
                  <Link to={link('/graph', { namespaces: ns, focus: `${ns}/${w.app}` })} data-testid="show-in-graph">
                    Show in graph
                  </Link>
                </LabelGroup>
              </StackItem>
              <StackItem>
                <Card isCompact>
                  <CardTitle component="h2">Pods{w.podsListed ? ` (${w.pods.length})` : ''}</CardTitle>
                  <CardBody>
                    <PodsTable pods={w.pods} listed={w.podsListed} label={`Pods of workload ${w.name}`} showVersion />
                  </CardBody>
                </Card>
              </StackItem>
              <StackItem>
                <Card isCompact>
                  <CardTitle component="h2">Versions of {w.app}</CardTitle>
                  <CardBody>
                    <Table aria-label={`Workloads of app ${w.app}`} variant="compact" data-testid="workload-versions">
                      <Thead>
                        <Tr>
                          <Th>Workload</Th>
                          <Th>Version</Th>
                          <Th>Replicas (desired)</Th>
                        </Tr>
                      </Thead>
                      <Tbody>
                        {w.siblings.map((s) => (
                          <Tr key={s.name} isRowSelected={s.name === w.name}>
                            <Td dataLabel="Workload">
                              {s.name === w.name ? (
                                <strong>{s.name}</strong>
                              ) : (
                                <Link
                                  to={link(
                                    `/namespaces/${encodeURIComponent(ns)}/workloads/${encodeURIComponent(s.name)}`,
                                  )}
                                >
                                  {s.name}
                                </Link>
                              )}
                            </Td>
                            <Td dataLabel="Version">{s.version}</Td>
                            <Td dataLabel="Replicas (desired)">{s.replicas}</Td>
                          </Tr>
                        ))}
                      </Tbody>
                    </Table>
                  </CardBody>
                </Card>
              </StackItem>
              <StackItem>
                <Card isCompact>
                  <CardTitle component="h2">Labels</CardTitle>
                  <CardBody>
                    <LabelGroup aria-label="Pod template labels" numLabels={20}>
                      {Object.entries(w.labels).map(([k, v]) => (
                        <Label key={k} isCompact variant="outline">
                          {k}={v}
                        </Label>
                      ))}
                    </LabelGroup>
                  </CardBody>
                </Card>
              </StackItem>
              <StackItem>
                <Suspense fallback={null}>
                  <MetricsPanel kind="workload" namespace={ns} name={name} />
                </Suspense>
              </StackItem>
            </Stack>
          );
        }}
      </QueryState>
    </PageSection>
  );
}
