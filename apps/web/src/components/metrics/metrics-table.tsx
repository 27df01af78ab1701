import { ExpandableSection } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { TimeMarker } from '@/components/time-chart/time-chart-data';
import type { ChartSpec } from './chart-data';

/**
 * The charts' numbers as a table (every chart has one): a row per step, newest first, a column per
 * chart and version; then the changes the charts mark, in words.
 */
export function MetricsTable({
  charts,
  timestamps,
  markers,
}: {
  charts: readonly ChartSpec[];
  timestamps: readonly number[];
  markers: readonly TimeMarker[];
}) {
  const columns = charts.flatMap((c) => c.lines.map((l) => ({ chart: c, line: l, key: `${c.id}-${l.version}` })));
  return (
    <ExpandableSection toggleText="Show the chart data as a table" data-testid="metrics-table-toggle">
      <Table aria-label="Metrics over time" variant="compact" data-testid="metrics-table">
        <Thead>
          <Tr>
            <Th>Step ending</Th>
            {columns.map((c) => (
              <Th key={c.key}>
                {c.chart.title} · {c.line.version}
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {timestamps
            .map((t, i) => ({ t, i }))
            .reverse()
            .map(({ t, i }) => (
              <Tr key={t}>
                <Td dataLabel="Step ending">{new Date(t).toLocaleTimeString([], { hour12: false })}</Td>
                {columns.map((c) => {
                  const v = c.line.values[i];
                  return (
                    <Td key={c.key} dataLabel={`${c.chart.title} ${c.line.version}`}>
                      {v === null || v === undefined ? '–' : c.chart.format(v)}
                    </Td>
                  );
                })}
              </Tr>
            ))}
        </Tbody>
      </Table>
      <h3 className="sluice-muted">Changes Sluice wrote in this range (dashed lines on the charts)</h3>
      {markers.length === 0 ? (
        <p data-testid="metrics-markers-none">None.</p>
      ) : (
        <ul data-testid="metrics-markers">
          {markers.map((m) => (
            <li key={`${m.at}-${m.description}`} data-testid="metrics-marker" data-at={m.at}>
              {m.description}
            </li>
          ))}
        </ul>
      )}
    </ExpandableSection>
  );
}
