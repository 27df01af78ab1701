import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import type { EdgeTraffic, GraphPreview } from '@sluice/model';
import { formatPercent, formatRps } from '@/lib/format';

/* Every edge of the preview with its observed and expected numbers: the canvas's table view. */

/** The per-side columns, as test ids and labels. */
const COLUMNS = ['rate', 'share', 'errors', 'retries'] as const;

const CHANGE_TEXT = { same: 'unchanged', changed: 'changes', appears: 'appears', disappears: 'disappears' } as const;

const cells = (t: EdgeTraffic | undefined) =>
  t
    ? [
        formatRps(t.rps),
        formatPercent(t.share),
        formatPercent(t.errorRate, 1),
        t.retries ? formatRps(t.retries.rps) : '—',
      ]
    : ['—', '—', '—', '—'];

export function PreviewTable({ preview }: { preview: GraphPreview }) {
  const name = new Map(preview.nodes.map((n) => [n.id, [n.name, n.version].filter(Boolean).join(' ')]));
  return (
    <Table
      aria-label={`Edges now and expected over the last ${preview.window}`}
      variant="compact"
      data-testid="preview-table"
    >
      <Thead>
        <Tr>
          <Th>From</Th>
          <Th>To</Th>
          <Th>Change</Th>
          <Th>Rate now</Th>
          <Th>Share now</Th>
          <Th>Errors now</Th>
          <Th>Retries now</Th>
          <Th>Rate expected</Th>
          <Th>Share expected</Th>
          <Th>Errors expected</Th>
          <Th>Retries expected</Th>
          <Th>Blast radius</Th>
        </Tr>
      </Thead>
      <Tbody>
        {preview.edges.map((e) => (
          <Tr
            key={e.id}
            data-testid="preview-edge-row"
            data-edge={e.id}
            data-source-id={e.source}
            data-target-id={e.target}
            data-blast={e.inBlastRadius ? 'true' : 'false'}
          >
            <Td dataLabel="From">{name.get(e.source) ?? e.source}</Td>
            <Td dataLabel="To">
              {name.get(e.target) ?? e.target}
              {e.mirrored ? ' (mirror)' : ''}
            </Td>
            <Td dataLabel="Change">{CHANGE_TEXT[e.change]}</Td>
            {cells(e.now).map((c, i) => (
              <Td key={`now-${i}`} dataLabel={`${COLUMNS[i] ?? ''} now`} data-testid={`now-${COLUMNS[i] ?? ''}`}>
                {c}
              </Td>
            ))}
            {cells(e.expected).map((c, i) => (
              <Td
                key={`exp-${i}`}
                dataLabel={`${COLUMNS[i] ?? ''} expected`}
                data-testid={`expected-${COLUMNS[i] ?? ''}`}
              >
                {c}
              </Td>
            ))}
            <Td dataLabel="Blast radius">{e.inBlastRadius ? 'new errors' : ''}</Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}
