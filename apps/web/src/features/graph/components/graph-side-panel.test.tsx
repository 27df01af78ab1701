import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { Drawer, DrawerContent } from '@patternfly/react-core';
import { graphSchema, type Graph } from '@sluice/model';
import { renderWithProviders } from '@/test/render';
import { GraphSidePanel } from './graph-side-panel';

const node = (id: string, name: string, version?: string) => ({
  id,
  kind: version ? 'app' : 'service',
  namespace: 'b',
  name,
  ...(version ? { app: name, version } : {}),
  flags: {},
});
const e = (target: string, rps: number, share: number, mirrored = false) => ({
  id: `s->${target}${mirrored ? ':m' : ''}`,
  source: 'service:b:reviews',
  target,
  protocol: 'http',
  rps,
  share,
  errorRate: 0,
  responses: {},
  ...(mirrored ? { mirrored: true } : {}),
});
const edges = [
  e('app:b:reviews:v3', 6, 0.6),
  e('app:b:reviews:v2', 3, 0, true),
  e('app:b:reviews:v1', 4, 0.4),
  e('app:b:reviews:v10', 0.1, 0),
];
const graphWith = (order: typeof edges): Graph =>
  graphSchema.parse({
    timestamp: 't',
    window: '30s',
    graphType: 'versionedApp',
    nodes: [
      node('service:b:reviews', 'reviews'),
      ...['v1', 'v2', 'v3', 'v10'].map((v) => node(`app:b:reviews:${v}`, 'reviews', v)),
    ],
    edges: order,
  });

function renderPanel(graph: Graph, id = 'service:b:reviews') {
  return renderWithProviders(
    <Drawer isExpanded>
      <DrawerContent
        panelContent={<GraphSidePanel graph={graph} selected={{ type: 'node', id }} onClose={() => {}} />}
      />
    </Drawer>,
  );
}

function outboundLines(graph: Graph): string[] {
  const { unmount } = renderPanel(graph);
  const lines = within(screen.getByTestId('outbound-split'))
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '');
  unmount();
  return lines;
}

describe('GraphSidePanel', () => {
  it('keeps the outbound split in one order whatever order the API sends edges in (live by version, mirrors last)', () => {
    const first = outboundLines(graphWith(edges));
    expect(first.map((l) => l.split(':')[0])).toEqual(['reviews v1', 'reviews v3', 'reviews v10', 'reviews v2']);
    expect(outboundLines(graphWith([...edges].reverse()))).toEqual(first);
  });

  it('a TCP service offers only traffic shifting and counts connections, not requests', () => {
    const tcp = graphWith(edges.filter((x) => !x.mirrored).map((x) => ({ ...x, protocol: 'tcp' })));
    renderPanel(tcp);
    const actions = screen.getByRole('group', { name: 'Routing actions for reviews' });
    expect(
      within(actions)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Shift traffic']);
    expect(screen.getByTestId('panel-in-rps')).toHaveTextContent('conn/s');
    expect(screen.queryByTestId('panel-error-rate')).toBeNull();
    expect(screen.getByTestId('outbound-split')).toHaveTextContent('reviews v1: 40.0% · 4.00 conn/s');
  });

  it('an HTTP service offers every routing action', () => {
    renderPanel(graphWith(edges));
    const actions = screen.getByRole('group', { name: 'Routing actions for reviews' });
    expect(within(actions).getAllByRole('link')).toHaveLength(5);
    expect(screen.getByTestId('panel-in-rps')).toHaveTextContent('req/s');
  });
});

describe('edge panel: Envoy response flags', () => {
  it('lists UO, UH and URX with what each means, and says nothing when there are none', () => {
    const flagged = {
      ...e('app:b:reviews:v3', 6, 0.6),
      errorRate: 0.5,
      responses: { '200': 3, '503': 3 },
      responseFlags: { UO: 2, UH: 0.5, URX: 0.5 },
    };
    const graph = graphWith([flagged, e('app:b:reviews:v1', 4, 0.4)]);
    const { unmount } = renderWithProviders(
      <Drawer isExpanded>
        <DrawerContent
          panelContent={<GraphSidePanel graph={graph} selected={{ type: 'edge', id: flagged.id }} onClose={() => {}} />}
        />
      </Drawer>,
    );
    const lines = within(screen.getByTestId('panel-edge-flags'))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(lines).toEqual([
      'UH 0.50/s: no healthy pod (e.g. all ejected by outlier detection)',
      'UO 2.00/s: refused by the circuit breaker (connection pool full)',
      'URX 0.50/s: retries exhausted',
    ]);
    unmount();
    renderWithProviders(
      <Drawer isExpanded>
        <DrawerContent
          panelContent={
            <GraphSidePanel graph={graph} selected={{ type: 'edge', id: 's->app:b:reviews:v1' }} onClose={() => {}} />
          }
        />
      </Drawer>,
    );
    expect(screen.queryByTestId('panel-edge-flags')).toBeNull();
  });
});
