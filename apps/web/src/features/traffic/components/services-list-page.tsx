import { useMemo, useState } from 'react';
import { Label, PageSection, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr, type ThProps } from '@patternfly/react-table';
import { Link } from 'react-router-dom';
import { Empty, QueryState } from '@/components/page-state';
import { useGlobalLink, useGlobalParams } from '@/lib/url-state';
import { useServices } from '../api/get-services';
import { SetupRouting } from './setup-routing';

/** /services — every service of the selected namespaces, with its routing state. */
export default function ServicesListPage() {
  const { namespaces } = useGlobalParams();
  const services = useServices(namespaces);
  const link = useGlobalLink();
  const [sort, setSort] = useState<{ index: number; dir: 'asc' | 'desc' }>({ index: 0, dir: 'asc' });
  const items = services.items;
  const rows = useMemo(() => {
    const key = (s: (typeof items)[number]) =>
      sort.index === 0 ? s.name : sort.index === 1 ? s.namespace : String(s.hasRouting);
    const out = [...items].sort((a, b) => key(a).localeCompare(key(b)));
    return sort.dir === 'asc' ? out : out.reverse();
  }, [items, sort]);
  const sortBy = (index: number): ThProps['sort'] => ({
    sortBy: { index: sort.index, direction: sort.dir },
    onSort: (_e, i, dir) => setSort({ index: i, dir }),
    columnIndex: index,
  });

  return (
    <PageSection>
      <Title headingLevel="h1">Services</Title>
      {namespaces.length === 0 ? (
        <Empty title="No namespace selected">Pick one or more namespaces in the masthead.</Empty>
      ) : (
        <QueryState isPending={services.isPending} error={services.error}>
          {() => (
            <Table aria-label="Services" variant="compact" data-testid="services-table">
              <Thead>
                <Tr>
                  <Th sort={sortBy(0)}>Name</Th>
                  <Th sort={sortBy(1)}>Namespace</Th>
                  <Th>Versions</Th>
                  <Th>Routes (VirtualServices, Gateway API)</Th>
                  <Th>DestinationRules</Th>
                  <Th sort={sortBy(2)}>Routing</Th>
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((s) => (
                  <Tr
                    key={`${s.namespace}/${s.name}`}
                    data-testid="service-row"
                    data-name={s.name}
                    data-namespace={s.namespace}
                  >
                    <Td dataLabel="Name">
                      <Link to={link(`/namespaces/${s.namespace}/services/${s.name}`)}>{s.name}</Link>
                    </Td>
                    <Td dataLabel="Namespace">{s.namespace}</Td>
                    <Td dataLabel="Versions">{s.versions.join(', ') || '–'}</Td>
                    <Td dataLabel="Routes">{[...s.virtualServices, ...(s.gatewayRoutes ?? [])].join(', ') || '–'}</Td>
                    <Td dataLabel="DestinationRules">{s.destinationRules.join(', ') || '–'}</Td>
                    <Td dataLabel="Routing">
                      {s.hasRouting ? (
                        <Label isCompact color="green">
                          managed
                        </Label>
                      ) : (
                        <SetupRouting
                          namespace={s.namespace}
                          service={s.name}
                          versions={s.versions}
                          availability={s.routingSetup}
                          compact
                        />
                      )}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </QueryState>
      )}
    </PageSection>
  );
}
