import { useMemo, useState } from 'react';
import {
  PageSection,
  SearchInput,
  Title,
  ToggleGroup,
  ToggleGroupItem,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { Link } from 'react-router-dom';
import { ISTIO_KINDS, ISTIO_PLURALS, type IstioKind, type IstioObjectList } from '@sluice/model';
import { Empty, QueryState } from '@/components/page-state';
import { useGlobalLink, useGlobalParams } from '@/lib/url-state';
import { useSort } from '@/lib/use-sort';
import { useIstioObjects } from '../api/list-istio-objects';
import { FindingsBadge } from './findings-badge';

type Item = IstioObjectList['items'][number];
const severityRank = (i: Item) =>
  i.findings.some((f) => f.severity === 'error') ? 2 : i.findings.some((f) => f.severity === 'warning') ? 1 : 0;
const COLUMNS = [
  (i: Item) => i.object.metadata.name,
  (i: Item) => i.object.metadata.namespace ?? '',
  (i: Item) => i.object.kind,
  severityRank,
];

/**
 * /istio — every VirtualService, DestinationRule, Gateway and Gateway API route (HTTPRoute,
 * GRPCRoute, TCPRoute) of the selected namespaces with its findings.
 */
export default function ConfigListPage() {
  const { namespaces, search, update } = useGlobalParams();
  const kindParam = search.get('kind');
  const kind = (ISTIO_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as IstioKind) : undefined;
  const [text, setText] = useState('');
  const query = useIstioObjects(namespaces);
  const link = useGlobalLink();
  const items = useMemo(
    () =>
      (query.data?.items ?? []).filter(
        (i) => (!kind || i.object.kind === kind) && (!text || i.object.metadata.name.includes(text)),
      ),
    [query.data, kind, text],
  );
  const { sorted, sortProps } = useSort(items, COLUMNS);

  return (
    <PageSection>
      <Title headingLevel="h1">Istio config</Title>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <ToggleGroup aria-label="Filter by kind">
              <ToggleGroupItem text="All" isSelected={!kind} onChange={() => update({ kind: undefined })} />
              {ISTIO_KINDS.map((k) => (
                <ToggleGroupItem
                  key={k}
                  text={k}
                  isSelected={kind === k}
                  onChange={() => update({ kind: k })}
                  data-testid={`kind-filter-${k}`}
                />
              ))}
            </ToggleGroup>
          </ToolbarItem>
          <ToolbarItem>
            <SearchInput
              aria-label="Filter by name"
              placeholder="Filter by name"
              value={text}
              onChange={(_e, v) => setText(v)}
              onClear={() => setText('')}
            />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {namespaces.length === 0 ? (
        <Empty title="No namespace selected">Pick one or more namespaces in the toolbar.</Empty>
      ) : (
        <QueryState isPending={query.isPending} error={query.error}>
          {() => (
            <Table aria-label="Istio objects" variant="compact" data-testid="config-table">
              <Thead>
                <Tr>
                  <Th sort={sortProps(0)}>Name</Th>
                  <Th sort={sortProps(1)}>Namespace</Th>
                  <Th sort={sortProps(2)}>Kind</Th>
                  <Th sort={sortProps(3)}>Validation</Th>
                  <Th>First finding</Th>
                </Tr>
              </Thead>
              <Tbody>
                {sorted.map(({ object, findings }) => {
                  const ns = object.metadata.namespace ?? '';
                  return (
                    <Tr
                      key={`${object.kind}/${ns}/${object.metadata.name}`}
                      data-testid="config-row"
                      data-kind={object.kind}
                      data-name={object.metadata.name}
                      data-namespace={ns}
                    >
                      <Td dataLabel="Name">
                        <Link
                          to={link(`/namespaces/${ns}/istio/${ISTIO_PLURALS[object.kind]}/${object.metadata.name}`)}
                        >
                          {object.metadata.name}
                        </Link>
                      </Td>
                      <Td dataLabel="Namespace">{ns}</Td>
                      <Td dataLabel="Kind">{object.kind}</Td>
                      <Td dataLabel="Validation">
                        <FindingsBadge findings={findings} />
                      </Td>
                      <Td dataLabel="First finding" className="sluice-muted">
                        {findings[0] ? `${findings[0].path}: ${findings[0].message}` : ''}
                      </Td>
                    </Tr>
                  );
                })}
                {sorted.length === 0 && (
                  <Tr>
                    <Td colSpan={5}>No Istio objects match.</Td>
                  </Tr>
                )}
              </Tbody>
            </Table>
          )}
        </QueryState>
      )}
    </PageSection>
  );
}
