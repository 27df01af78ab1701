import { ExpandableSection } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { RolloutPoint } from '@sluice/model';
import { formatMs, formatPercent, formatRps } from '@/lib/format';

/** The charts' data as a table (every chart has one): each point, the canary's weight then, both sides. */
export function ChartTable({ points }: { points: readonly RolloutPoint[] }) {
  const ms = (v: number | null) => (v === null ? '–' : formatMs(v));
  return (
    <ExpandableSection toggleText="Show the chart data as a table" data-testid="rollout-chart-table">
      <Table aria-label="Rollout chart data" variant="compact">
        <Thead>
          <Tr>
            <Th>Time</Th>
            <Th>Canary weight</Th>
            <Th>Stable req/s</Th>
            <Th>Canary req/s</Th>
            <Th>Stable errors</Th>
            <Th>Canary errors</Th>
            <Th>Stable p99</Th>
            <Th>Canary p99</Th>
          </Tr>
        </Thead>
        <Tbody>
          {[...points].reverse().map((p) => (
            <Tr key={p.at}>
              <Td dataLabel="Time">{new Date(p.at).toLocaleTimeString([], { hour12: false })}</Td>
              <Td dataLabel="Canary weight">{p.canaryWeight}%</Td>
              <Td dataLabel="Stable req/s">{formatRps(p.stable.rps)}</Td>
              <Td dataLabel="Canary req/s">{formatRps(p.canary.rps)}</Td>
              <Td dataLabel="Stable errors">{formatPercent(p.stable.errorRate, 1)}</Td>
              <Td dataLabel="Canary errors">{formatPercent(p.canary.errorRate, 1)}</Td>
              <Td dataLabel="Stable p99">{ms(p.stable.p99Ms)}</Td>
              <Td dataLabel="Canary p99">{ms(p.canary.p99Ms)}</Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </ExpandableSection>
  );
}
