import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { ServiceTraffic } from '@sluice/model';
import { formatMs, formatPercent, formatRps } from '@/lib/format';

/** What the data plane actually did over the window, per version: the check on every routing change. */
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
        {observed.versions.length === 0 && (
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
