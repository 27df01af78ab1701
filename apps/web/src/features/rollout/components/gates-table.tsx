import { Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { GateEvaluation, GateResult } from '@sluice/model';
import { GATE_NAMES } from '../utils/describe-action';

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

/**
 * Every gate live: the measured value, the threshold and pass / fail / waiting, and what a value
 * leaves out (injected aborts Istio cannot attribute to a version are named, not passed in silence).
 */
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
            <Td dataLabel="Gate">{GATE_NAMES[g.gate]}</Td>
            <Td dataLabel="Value" data-testid="gate-value">
              {show(g.value, g.unit)}
            </Td>
            <Td dataLabel="Threshold">{`${RELATION[g.gate]} ${show(g.threshold, g.unit)}`}</Td>
            <Td dataLabel="Status">
              <Label isCompact color={COLORS[g.status]} data-testid="gate-status">
                {g.status}
              </Label>
            </Td>
            <Td dataLabel="Why">
              {g.message}
              {g.note && (
                <div className="sluice-gate-note" data-testid="gate-note">
                  {g.note}
                </div>
              )}
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
