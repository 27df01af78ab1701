import { Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { GateEvaluation, GateResult } from '@sluice/model';

const NAMES: Record<GateResult['gate'], string> = {
  requests: 'Canary requests',
  successRate: 'Success rate',
  p99: 'p99 latency',
  p99Factor: 'p99 vs stable',
  split: 'Split converged',
};
const COLORS = { pass: 'green', fail: 'red', waiting: 'grey' } as const;
const RELATION: Record<GateResult['gate'], string> = {
  requests: '>=',
  successRate: '>=',
  p99: '<=',
  p99Factor: '<=',
  split: 'off by <=',
};

const show = (v: number | null, unit: GateResult['unit']) =>
  v === null ? '–' : unit === 'requests' ? String(v) : `${v}${unit === 'x' ? 'x' : ` ${unit}`}`;

/** Every gate live: the measured value, the threshold and pass / fail / waiting. */
export function GatesTable({ gates }: { gates: GateEvaluation }) {
  return (
    <Table aria-label="Gates" variant="compact" data-testid="gates-table" data-verdict={gates.verdict}>
      <Thead>
        <Tr>
          <Th>Gate</Th>
          <Th modifier="fitContent">Value</Th>
          <Th modifier="fitContent">Threshold</Th>
          <Th modifier="fitContent">Status</Th>
          <Th>Why</Th>
        </Tr>
      </Thead>
      <Tbody>
        {gates.gates.map((g) => (
          <Tr key={g.gate} data-testid="gate-row" data-gate={g.gate} data-status={g.status}>
            <Td dataLabel="Gate">{NAMES[g.gate]}</Td>
            <Td dataLabel="Value" data-testid="gate-value">
              {show(g.value, g.unit)}
            </Td>
            <Td dataLabel="Threshold">{`${RELATION[g.gate]} ${show(g.threshold, g.unit)}`}</Td>
            <Td dataLabel="Status">
              <Label isCompact color={COLORS[g.status]} data-testid="gate-status">
                {g.status}
              </Label>
            </Td>
            <Td dataLabel="Why">{g.message}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
