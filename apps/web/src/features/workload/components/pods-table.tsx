import { Label } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { PodPhase, PodSummary } from '@sluice/model';
import { formatAge } from '@/lib/format';
import { useNow } from '@/lib/use-now';

const PHASE_COLOR: Record<PodPhase, 'green' | 'orange' | 'red' | 'grey' | 'blue'> = {
  Running: 'green',
  Pending: 'orange',
  Failed: 'red',
  Succeeded: 'blue',
  Unknown: 'grey',
};

interface PodsTableProps {
  pods: readonly PodSummary[];
  /** Accessible name of the table, e.g. "Pods of workload reviews-v1". */
  label: string;
  /** Whether the store lists pods at all (an empty table then means "none", not "not known"). */
  listed: boolean;
  /** Show each pod's version column (the workload page's pods share one). */
  showVersion?: boolean;
  testId?: string;
}

/** Pods as kubectl lists them, with Istio's facts: version and whether the proxy is there. */
export function PodsTable({ pods, label, listed, showVersion = false, testId = 'pods-table' }: PodsTableProps) {
  const now = useNow();
  if (!listed) return <p className="sluice-muted">This store does not list pods (only the replica counts).</p>;
  if (pods.length === 0) return <p className="sluice-muted">No pods.</p>;
  return (
    <Table aria-label={label} variant="compact" data-testid={testId}>
      <Thead>
        <Tr>
          <Th>Pod</Th>
          {showVersion && <Th>Version</Th>}
          <Th>Phase</Th>
          <Th info={{ tooltip: 'Containers ready, of all containers (the Istio proxy included)' }}>Ready</Th>
          <Th>Restarts</Th>
          <Th info={{ tooltip: 'Whether the pod runs an istio-proxy container (injected sidecar or gateway proxy)' }}>
            Sidecar
          </Th>
          <Th>Node</Th>
          <Th>Age</Th>
        </Tr>
      </Thead>
      <Tbody>
        {pods.map((p) => (
          <Tr key={p.name} data-testid="pod-row" data-pod={p.name} data-version={p.version}>
            <Td dataLabel="Pod">{p.name}</Td>
            {showVersion && <Td dataLabel="Version">{p.version}</Td>}
            <Td dataLabel="Phase">
              <Label isCompact color={PHASE_COLOR[p.phase]}>
                {p.phase}
              </Label>
            </Td>
            <Td dataLabel="Ready">
              {p.readyContainers}/{p.containers}
            </Td>
            <Td dataLabel="Restarts">{p.restarts}</Td>
            <Td dataLabel="Sidecar">{p.sidecar ? 'yes' : 'no'}</Td>
            <Td dataLabel="Node">{p.node ?? '–'}</Td>
            <Td dataLabel="Age">
              <span title={p.startTime ? `started ${p.startTime}` : 'not started'}>{formatAge(p.startTime, now)}</span>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
