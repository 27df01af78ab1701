import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { encodePreview } from '@/lib/graph-preview-link';
import { mockFetch } from '@/test/fetch-mock';
import { renderWithProviders } from '@/test/render';
import GraphPage from '../components/graph-page';

/* The graph page with `preview=` in its URL: the overlay asks the API, shows the blast radius and shares it cannot know, applies. */

afterEach(() => vi.unstubAllGlobals());
// jsdom has no 2d canvas for cytoscape; the table carries the same numbers.
vi.mock('./preview-canvas', () => ({ PreviewCanvas: () => null }));

const abort = {
  op: 'setFault',
  route: { kind: 'http', name: 'default' },
  fault: { abort: { percent: 20, httpStatus: 555 } },
};
const change = { namespace: 'demoapp', kind: 'VirtualService', name: 'demoapp', resourceVersion: '7', edits: [abort] };
const node = (id: string, name: string, kind = 'service') => ({ id, kind, namespace: 'demoapp', name, flags: {} });
const preview = {
  timestamp: '2026-11-30T02:00:00Z',
  window: '30s',
  graphType: 'versionedApp',
  namespaces: ['demoapp', 'istio-system'],
  nodes: [node('gw', 'istio-ingressgateway', 'ingress'), node('svc:proxy', 'proxy'), node('svc:demoapp', 'demoapp')],
  edges: [
    {
      id: 'gw->svc:proxy',
      source: 'gw',
      target: 'svc:proxy',
      protocol: 'http',
      now: { rps: 4, share: 1, errorRate: 0 },
      expected: { rps: 4, share: 1, errorRate: 0.001, retries: { rps: 0.7, errorRate: 0.9 } },
      change: 'changed',
      inBlastRadius: true,
    },
  ],
  blastRadius: [
    {
      node: 'svc:proxy',
      edges: ['gw->svc:proxy'],
      nowErrorRate: 0,
      expectedErrorRate: 0.001,
      expectedFailingRetriesPerSec: 0.63,
    },
  ],
  unknownShares: [
    {
      key: 'demoapp.demoapp: header x-beta = 1',
      description: 'requests to demoapp.demoapp with header x-beta = 1',
      assumedShare: 0,
    },
  ],
  assumptions: [
    'demoapp/demoappv11 served nothing in the window: its calls upstream are assumed to be those of demoapp/demoappv10',
  ],
  findings: [],
};

function render(state: object) {
  const url = `/graph?namespaces=demoapp,istio-system&window=30s&preview=${encodePreview(state as never)}`;
  renderWithProviders(
    <Routes>
      <Route path="/graph" element={<GraphPage />} />
    </Routes>,
    { route: url },
  );
}

describe('graph page in preview mode', () => {
  it('posts the pending change, shows the blast radius, assumptions and unknown shares, and re-asks with a given share', async () => {
    const api = mockFetch(
      (c) => (c.url.startsWith('/api/graph/preview') ? { body: preview } : undefined),
      (c) => (c.url.startsWith('/api/graph') ? { body: { ...preview, nodes: [], edges: [] } } : undefined),
    );
    render({ changes: [change], label: 'Abort 20 % on demoapp' });
    expect(await screen.findByRole('heading', { name: 'Preview: Abort 20 % on demoapp' })).toBeVisible();
    const posted = api.calls.find((c) => c.url.startsWith('/api/graph/preview'));
    expect(posted?.method).toBe('POST');
    expect(posted?.url).toContain('namespaces=demoapp%2Cistio-system');
    expect(posted?.body).toEqual({ changes: [change] });
    const blast = await screen.findByTestId('blast-radius');
    expect(within(blast).getByTestId('blast-radius-node')).toHaveTextContent(
      /Callers of proxy .*0\.1% of requests fail/,
    );
    expect(within(blast).getByTestId('blast-radius-node')).toHaveTextContent(/retried attempts fail/);
    expect(screen.getByTestId('preview-assumptions')).toHaveTextContent('served nothing in the window');
    expect(screen.getByTestId('preview-edge-row')).toHaveAttribute('data-blast', 'true');

    await userEvent.type(screen.getByLabelText(/Share of requests to demoapp.demoapp with header x-beta = 1/), '25');
    await userEvent.click(screen.getByTestId('unknown-shares-apply'));
    await vi.waitFor(() =>
      expect(api.calls.filter((c) => c.url.startsWith('/api/graph/preview')).at(-1)?.body).toEqual({
        changes: [change],
        matchShares: { 'demoapp.demoapp: header x-beta = 1': 0.25 },
      }),
    );
  });

  it('a DestinationRule policy change says it is not modelled instead of passing for "no traffic change"', async () => {
    const policy = {
      namespace: 'demoapp',
      kind: 'DestinationRule',
      name: 'demoapp',
      resourceVersion: '3',
      edits: [{ op: 'setTrafficPolicy', policy: { loadBalancer: { simple: 'RANDOM' } } }],
    };
    const unchanged = {
      ...preview,
      edges: preview.edges.map((e) => ({ ...e, expected: e.now, change: 'same', inBlastRadius: false })),
      blastRadius: [],
      unknownShares: [],
      // The API lists the same line in its assumptions: shown once, in the notice.
      assumptions: [
        'DestinationRule traffic policies (load balancing, connection pool, outlier detection, TLS) are not modelled: the expected traffic ignores this policy change',
      ],
    };
    mockFetch(
      (c) => (c.url.startsWith('/api/graph/preview') ? { body: unchanged } : undefined),
      (c) => (c.url.startsWith('/api/graph') ? { body: { ...preview, nodes: [], edges: [] } } : undefined),
    );
    render({ changes: [policy], label: 'Traffic policy of demoapp/demoapp' });
    const notice = await screen.findByTestId('preview-not-modelled');
    expect(notice).toHaveTextContent(/not modelled: its effect is not in the expected traffic/);
    expect(notice).toHaveTextContent(/DestinationRule traffic policies .* are not modelled/);
    expect(await screen.findByTestId('blast-radius-none')).toBeVisible();
    expect(screen.queryByTestId('preview-assumptions')).toBeNull();
  });

  it('a weight change carries no not-modelled notice', async () => {
    mockFetch(
      (c) => (c.url.startsWith('/api/graph/preview') ? { body: { ...preview, assumptions: [] } } : undefined),
      (c) => (c.url.startsWith('/api/graph') ? { body: { ...preview, nodes: [], edges: [] } } : undefined),
    );
    const weights = {
      ...change,
      edits: [{ op: 'setWeights', route: { kind: 'http', name: 'default' }, weights: [] }],
    };
    render({ changes: [weights], label: 'Weights' });
    expect(await screen.findByTestId('blast-radius')).toBeVisible();
    expect(screen.queryByTestId('preview-not-modelled')).toBeNull();
  });

  it('Apply writes the edits with the resourceVersion the form saw, then waits a full window to compare', async () => {
    const api = mockFetch(
      (c) => (c.url.startsWith('/api/graph/preview') ? { body: preview } : undefined),
      (c) =>
        c.method === 'POST' && c.url.includes('/edits')
          ? {
              body: {
                dryRun: false,
                object: {
                  apiVersion: 'networking.istio.io/v1',
                  kind: 'VirtualService',
                  metadata: { name: 'demoapp', namespace: 'demoapp', resourceVersion: '8' },
                  spec: {},
                },
                diff: '',
                findings: [],
              },
            }
          : undefined,
      (c) => (c.url.startsWith('/api/graph') ? { body: { ...preview, nodes: [], edges: [] } } : undefined),
      (c) =>
        c.url.startsWith('/api/healthz')
          ? {
              body: {
                status: 'ok',
                cluster: 'demo',
                metrics: 'simulated',
                clusterReachable: true,
                metricsReachable: true,
                readOnly: false,
                auth: 'none',
              },
            }
          : undefined,
    );
    render({ changes: [change], label: 'Abort 20 % on demoapp' });
    await userEvent.click(await screen.findByTestId('preview-apply'));
    expect(await screen.findByTestId('after-apply-waiting')).toHaveTextContent('full window (30s)');
    const write = api.writes().find((c) => c.url.includes('/edits'));
    expect(write?.url).toBe('/api/namespaces/demoapp/virtualservices/demoapp/edits');
    expect(write?.body).toEqual({ resourceVersion: '7', edits: [abort] });
  });

  it('a mangled link says so instead of showing a graph', async () => {
    mockFetch((c) => (c.url.startsWith('/api/graph') ? { body: { ...preview, nodes: [], edges: [] } } : undefined));
    renderWithProviders(
      <Routes>
        <Route path="/graph" element={<GraphPage />} />
      </Routes>,
      { route: '/graph?namespaces=demoapp&preview=garbage' },
    );
    expect(await screen.findByTestId('preview-bad-link')).toBeVisible();
  });
});
