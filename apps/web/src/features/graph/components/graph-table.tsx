import { useMemo } from 'react';
import { Button, Label, Title } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { Graph, GraphEdge, GraphNode } from '@sluice/model';
import { formatMs, formatPercent, formatRps } from '@/lib/format';
import { useSort } from '@/lib/use-sort';
import type { Selection } from '../hooks/use-cytoscape';
import { edgeHealth, isTcpOnly, nodeBadges, nodeLabel, nodeTraffic, rateUnit } from '../utils/graph-model';
import { ScopeSplitsList } from './scope-splits-list';

interface Props {
  graph: Graph;
  onSelect: (s: Selection) => void;
}

const HEALTH_COLOR = { idle: 'grey', healthy: 'green', degraded: 'orange', failing: 'red' } as const;

/** Every node and edge with the numbers the canvas draws: the accessible (and testable) view of the graph. */
export function GraphTable({ graph, onSelect }: Props) {
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph.nodes]);
  const name = (id: string) => {
    const n = byId.get(id);
    return n ? nodeLabel(n) : id;
  };
  const nodeRows = useMemo(
    () =>
      graph.nodes.map((n) => ({
        node: n,
        traffic: nodeTraffic(graph, n.id),
        unit: rateUnit(isTcpOnly(graph, n.id) ? 'tcp-node' : 'http-node'),
      })),
    [graph],
  );
  const nodeCols = useMemo(
    () => [
      (r: { node: GraphNode }) => nodeLabel(r.node),
      (r: { node: GraphNode }) => r.node.namespace,
      (r: { node: GraphNode }) => r.node.kind,
      (r: { traffic: { inRps: number } }) => r.traffic.inRps,
      (r: { traffic: { inErrorRate: number } }) => r.traffic.inErrorRate,
    ],
    [],
  );
  const nodes = useSort(nodeRows, nodeCols);
  const edgeCols = useMemo(() => {
    const label = (id: string) => {
      const n = byId.get(id);
      return n ? nodeLabel(n) : id;
    };
    return [
      (e: GraphEdge) => label(e.source),
      (e: GraphEdge) => label(e.target),
      (e: GraphEdge) => e.protocol,
      (e: GraphEdge) => e.share,
      (e: GraphEdge) => e.rps,
      (e: GraphEdge) => e.errorRate,
      (e: GraphEdge) => e.latencyP95Ms ?? -1,
      (e: GraphEdge) => e.retries?.rps ?? 0,
    ];
  }, [byId]);
  const edges = useSort(graph.edges, edgeCols);

  return (
    <div className="sluice-graph-tables" data-testid="graph-table">
      <Title headingLevel="h2" size="lg">
        Edges
      </Title>
      <Table aria-label="Graph edges" variant="compact" data-testid="edges-table">
        <Thead>
          <Tr>
            {['Source', 'Target', 'Protocol', 'Share', 'Rate', 'Error rate', 'p95', 'Retried attempts/s'].map(
              (h, i) => (
                <Th key={h} sort={edges.sortProps(i)} modifier="wrap">
                  {h}
                </Th>
              ),
            )}
          </Tr>
        </Thead>
        <Tbody>
          {edges.sorted.map((e) => {
            const s = byId.get(e.source);
            const t = byId.get(e.target);
            return (
              <Tr
                key={e.id}
                data-testid="edge-row"
                data-edge-id={e.id}
                data-source={s?.name ?? e.source}
                data-source-version={s?.version ?? ''}
                data-source-id={e.source}
                data-target={t?.name ?? e.target}
                data-target-version={t?.version ?? ''}
                data-target-kind={t?.kind ?? ''}
                data-target-id={e.target}
                data-protocol={e.protocol}
                data-mirrored={e.mirrored ? 'true' : 'false'}
                data-share={e.share}
                data-rps={e.rps}
                data-error-rate={e.errorRate}
              >
                <Td dataLabel="Source" data-testid="edge-source">
                  {name(e.source)}
                </Td>
                <Td dataLabel="Target" data-testid="edge-target">
                  <Button variant="link" isInline onClick={() => onSelect({ type: 'edge', id: e.id })}>
                    {name(e.target)}
                  </Button>
                  {e.mirrored && (
                    <Label isCompact color="purple">
                      {' '}
                      mirrored
                    </Label>
                  )}
                </Td>
                <Td dataLabel="Protocol">{e.protocol}</Td>
                <Td dataLabel="Share" data-testid="edge-share">
                  {e.mirrored ? '–' : formatPercent(e.share, 1)}
                </Td>
                <Td dataLabel="Rate" data-testid="edge-rps">
                  {formatRps(e.rps)} {rateUnit(e.protocol)}
                </Td>
                <Td dataLabel="Error rate" data-testid="edge-error-rate">
                  <Label isCompact color={HEALTH_COLOR[edgeHealth(e)]}>
                    {formatPercent(e.errorRate, 1)}
                  </Label>
                </Td>
                <Td dataLabel="p95" data-testid="edge-p95">
                  {formatMs(e.latencyP95Ms)}
                </Td>
                <Td dataLabel="Retried attempts/s" data-testid="edge-retries">
                  {e.retries ? `${formatRps(e.retries.rps)} (${formatPercent(e.retries.errorRate, 0)} failed)` : '–'}
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      <Title headingLevel="h2" size="lg" style={{ marginTop: 24 }}>
        Nodes
      </Title>
      <Table aria-label="Graph nodes" variant="compact" data-testid="nodes-table">
        <Thead>
          <Tr>
            {['Name', 'Namespace', 'Kind', 'Inbound rate', 'Inbound errors'].map((h, i) => (
              <Th key={h} sort={nodes.sortProps(i)} modifier="wrap">
                {h}
              </Th>
            ))}
            <Th>Routing</Th>
            <Th>Version split by scope</Th>
          </Tr>
        </Thead>
        <Tbody>
          {nodes.sorted.map(({ node, traffic, unit }) => (
            <Tr
              key={node.id}
              data-testid="node-row"
              data-node-id={node.id}
              data-name={node.name}
              data-version={node.version ?? ''}
              data-kind={node.kind}
            >
              <Td dataLabel="Name">
                <Button variant="link" isInline onClick={() => onSelect({ type: 'node', id: node.id })}>
                  {nodeLabel(node)}
                </Button>
              </Td>
              <Td dataLabel="Namespace">{node.namespace}</Td>
              <Td dataLabel="Kind">{node.kind}</Td>
              <Td dataLabel="Inbound rate">
                {formatRps(traffic.inRps)} {unit}
              </Td>
              <Td dataLabel="Inbound errors">{formatPercent(traffic.inErrorRate, 1)}</Td>
              <Td dataLabel="Routing" data-testid="node-badges">
                {nodeBadges(node.flags).map((b) => (
                  <Label key={b.flag} isCompact variant="outline" data-badge={b.flag}>
                    {b.name}
                  </Label>
                ))}
              </Td>
              <Td dataLabel="Version split by scope" data-testid="node-splits">
                {node.splits && node.splits.length > 0 ? (
                  <ScopeSplitsList splits={node.splits} window={graph.window} />
                ) : (
                  '–'
                )}
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </div>
  );
}
