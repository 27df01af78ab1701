import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { ObservedUnrouted, ServiceTraffic } from '@sluice/model';
import { formatMs, formatPercent, formatRps } from '@/lib/format';

/** Requests Istio reports with no destination version, said in words (the graph keeps them on the caller -> service edge). */
export const UNROUTED_LABELS: Record<ObservedUnrouted['reason'], string> = {
  fault_abort: 'Aborted by fault injection (before routing: no version)',
  local_reply: "Answered by the caller's sidecar (redirect, direct response or no route)",
  no_upstream: 'Reached no workload (no healthy upstream)',
};

/**
 * What the data plane actually did over the window, per version: the check on every routing change.
 * Shares are of the requests that reached a version, comparable with a route's expected split;
 * requests that reached none are listed after the versions with what happened to them.
 */
export function ObservedTable({
  observed,
  protocol,
}: {
  observed: ServiceTraffic['observed'];
  protocol: ServiceTraffic['protocol'];
}) {
  const rate = protocol === 'tcp' ? 'Connections/s' : 'Requests/s';
  return (
    <Table aria-label={`Observed traffic over ${observed.window}`} variant="compact" data-testid="observed-table">
      <Thead>
        <Tr>
          <Th>Version</Th>
          <Th>Subset</Th>
          <Th modifier="fitContent">{rate}</Th>
          <Th modifier="fitContent">Share</Th>
          <Th modifier="fitContent">Error rate</Th>
          <Th modifier="fitContent">p95</Th>
        </Tr>
      </Thead>
      <Tbody>
        {observed.versions.map((v) => (
          <Tr key={v.version} data-testid="observed-row" data-version={v.version}>
            <Td dataLabel="Version">{v.version}</Td>
            <Td dataLabel="Subset">{v.subset ?? '–'}</Td>
            <Td dataLabel={rate}>{formatRps(v.rps)}</Td>
            <Td dataLabel="Share" data-testid="observed-row-share">
              {formatPercent(v.share, 1)}
            </Td>
            <Td dataLabel="Error rate" className={v.errorRate > 0.05 ? 'sluice-bad' : undefined}>
              {formatPercent(v.errorRate, 1)}
            </Td>
            <Td dataLabel="p95">{formatMs(v.latencyP95Ms)}</Td>
          </Tr>
        ))}
        {(observed.unrouted ?? []).map((u) => (
          <Tr key={u.reason} data-testid="observed-unrouted" data-reason={u.reason}>
            <Td dataLabel="Version" colSpan={2}>
              {UNROUTED_LABELS[u.reason]}
            </Td>
            <Td dataLabel={rate}>{formatRps(u.rps)}</Td>
            <Td dataLabel="Share">{observed.rps > 0 ? `${formatPercent(u.rps / observed.rps, 1)} of all` : '–'}</Td>
            <Td dataLabel="Error rate" className={u.errorRate > 0.05 ? 'sluice-bad' : undefined}>
              {formatPercent(u.errorRate, 1)}
            </Td>
            <Td dataLabel="p95">–</Td>
          </Tr>
        ))}
        {observed.versions.length === 0 && !observed.unrouted?.length && (
          <Tr>
            <Td colSpan={6}>
              {observed.sparse?.tooFew
                ? `Too few samples in the last ${observed.window} to show traffic.`
                : `No traffic in the last ${observed.window}.`}
            </Td>
          </Tr>
        )}
      </Tbody>
    </Table>
  );
}
