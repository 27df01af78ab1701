import { Card, CardBody, CardTitle, LabelGroup, PageSection, Stack, StackItem, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '@/components/page-state';
import { useGlobalLink } from '@/lib/url-state';
import { useApp } from '../api/get-app';
import { PodsTable } from './pods-table';

/** /namespaces/:ns/apps/:app — an app's workloads (one per version), their pods by version, the services in front. */
export default function AppPage() {
  const { ns = '', app = '' } = useParams();
  const query = useApp(ns, app);
  const link = useGlobalLink();
  const enc = encodeURIComponent;
  return (
    <PageSection data-testid="app-page">
      <QueryState isPending={query.isPending} error={query.error}>
        {() => {
          const a = query.data;
          if (!a) return null;
          return (
            <Stack hasGutter>
              <StackItem>
                <Title headingLevel="h1" data-testid="app-title">
                  App {a.app} <span className="sluice-muted">in {a.namespace}</span>
                </Title>
                <LabelGroup aria-label="App links" numLabels={10}>
                  {a.services.map((s) => (
                    <Link key={s} to={link(`/namespaces/${enc(ns)}/services/${enc(s)}`)}>
                      service {s}: traffic and metrics
                    </Link>
                  ))}
                  <Link to={link('/graph', { namespaces: ns, focus: `${ns}/${a.app}` })}>Show in graph</Link>
                </LabelGroup>
              </StackItem>
              <StackItem>
                <Card isCompact>
                  <CardTitle component="h2">Versions</CardTitle>
                  <CardBody>
                    <Table aria-label={`Workloads of app ${a.app}`} variant="compact" data-testid="app-versions">
                      <Thead>
                        <Tr>
                          <Th>Version</Th>
                          <Th>Workload</Th>
                          <Th>Kind</Th>
                          <Th>Replicas (desired)</Th>
                        </Tr>
                      </Thead>
                      <Tbody>
                        {a.workloads.map((w) => (
                          <Tr key={w.name} data-testid="app-version-row" data-version={w.version}>
                            <Td dataLabel="Version">{w.version}</Td>
                            <Td dataLabel="Workload">
                              <Link to={link(`/namespaces/${enc(ns)}/workloads/${enc(w.name)}`)}>{w.name}</Link>
                            </Td>
                            <Td dataLabel="Kind">{w.kind}</Td>
                            <Td dataLabel="Replicas (desired)">{w.replicas}</Td>
                          </Tr>
                        ))}
                      </Tbody>
                    </Table>
                  </CardBody>
                </Card>
              </StackItem>
              <StackItem>
                <Card isCompact data-testid="app-pods">
                  <CardTitle component="h2">Pods by version</CardTitle>
                  <CardBody>
                    {!a.podsListed || a.versions.length === 0 ? (
                      <PodsTable pods={[]} listed={a.podsListed} label={`Pods of app ${a.app}`} />
                    ) : (
                      <Stack hasGutter>
                        {a.versions.map((v) => (
                          <StackItem key={v.version} data-testid="app-pods-version" data-version={v.version}>
                            <Title headingLevel="h3" size="md">
                              Version {v.version}: {v.pods.length} {v.pods.length === 1 ? 'pod' : 'pods'}
                            </Title>
                            <PodsTable
                              pods={v.pods}
                              listed
                              label={`Pods of app ${a.app} version ${v.version}`}
                              testId="app-pods-table"
                            />
                          </StackItem>
                        ))}
                      </Stack>
                    )}
                  </CardBody>
                </Card>
              </StackItem>
            </Stack>
          );
        }}
      </QueryState>
    </PageSection>
  );
}
