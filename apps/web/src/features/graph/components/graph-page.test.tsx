import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { renderWithProviders } from '@/test/render';
import { mockFetch } from '@/test/fetch-mock';
import GraphPage from './graph-page';

afterEach(() => vi.unstubAllGlobals());

const graph = {
  timestamp: '2026-11-21T23:00:00Z',
  window: '30s',
  graphType: 'versionedApp',
  nodes: [
    {
      id: 'service:bookinfo:reviews',
      kind: 'service',
      namespace: 'bookinfo',
      name: 'reviews',
      flags: { virtualService: true },
    },
    {
      id: 'app:bookinfo:reviews:v1',
      kind: 'app',
      namespace: 'bookinfo',
      name: 'reviews',
      app: 'reviews',
      version: 'v1',
      flags: {},
    },
  ],
  edges: [
    {
      id: 'e1',
      source: 'service:bookinfo:reviews',
      target: 'app:bookinfo:reviews:v1',
      protocol: 'http',
      rps: 0,
      share: 0,
      errorRate: 0,
      responses: {},
    },
  ],
  metricsError: 'Prometheus at http://127.0.0.1:9090 is unreachable',
};

describe('GraphPage', () => {
  it('keeps the topology, shows a banner and marks the graph stale when metrics are down', async () => {
    const api = mockFetch((c) => (c.url.startsWith('/api/graph') ? { body: graph } : undefined));
    renderWithProviders(
      <Routes>
        <Route path="/graph" element={<GraphPage />} />
      </Routes>,
      { route: '/graph?namespaces=bookinfo&view=table&window=1m&graphType=app' },
    );
    expect(await screen.findByTestId('metrics-error')).toHaveTextContent(
      'Prometheus at http://127.0.0.1:9090 is unreachable',
    );
    expect(screen.getByTestId('graph-page')).toHaveAttribute('data-stale', 'true');
    expect(await screen.findAllByTestId('node-row')).toHaveLength(2);
    expect(api.calls[0]?.url).toBe('/api/graph?namespaces=bookinfo&graphType=app&window=1m');
  });

  it('asks for a graph without service nodes when serviceNodes=false (a split per caller)', async () => {
    const api = mockFetch((c) =>
      c.url.startsWith('/api/graph') ? { body: { ...graph, metricsError: undefined } } : undefined,
    );
    renderWithProviders(
      <Routes>
        <Route path="/graph" element={<GraphPage />} />
      </Routes>,
      { route: '/graph?namespaces=bookinfo&view=table&serviceNodes=false' },
    );
    expect(await screen.findByTestId('service-nodes-toggle')).not.toBeChecked();
    expect(api.calls[0]?.url).toBe(
      '/api/graph?namespaces=bookinfo&graphType=versionedApp&window=30s&injectServiceNodes=false',
    );
  });

  it('opens the side panel for a deep-linked node with the routing actions', async () => {
    mockFetch((c) => (c.url.startsWith('/api/graph') ? { body: { ...graph, metricsError: undefined } } : undefined));
    renderWithProviders(
      <Routes>
        <Route path="/graph" element={<GraphPage />} />
      </Routes>,
      { route: '/graph?namespaces=bookinfo&view=table&node=service:bookinfo:reviews' },
    );
    const panel = await screen.findByTestId('side-panel');
    expect(panel).toHaveTextContent('reviews');
    expect(screen.getByTestId('manage-traffic')).toHaveAttribute(
      'href',
      '/namespaces/bookinfo/services/reviews?namespaces=bookinfo',
    );
    expect(screen.getByTestId('action-fault')).toHaveAttribute(
      'href',
      '/namespaces/bookinfo/services/reviews?namespaces=bookinfo&tab=fault',
    );
  });

  it('says when the window was widened and when latency is still on its way', async () => {
    mockFetch((c) =>
      c.url.startsWith('/api/graph')
        ? {
            body: {
              ...graph,
              metricsError: undefined,
              window: '60s',
              windowWidenedFrom: '30s',
              windowNote: 'widened from 30s to 60s: Prometheus has a new sample every 15 s',
              scrapeIntervalSeconds: 15,
              partial: { missing: ['latency'], reason: 'latency was not ready within 5 s' },
            },
          }
        : undefined,
    );
    renderWithProviders(
      <Routes>
        <Route path="/graph" element={<GraphPage />} />
      </Routes>,
      { route: '/graph?namespaces=bookinfo&view=table' },
    );
    expect(await screen.findByTestId('window-widened')).toHaveTextContent('Rates over 60s (widened from 30s)');
    expect(screen.getByTestId('window-widened')).toHaveTextContent('every 15 s');
    expect(screen.getByTestId('traffic-partial')).toHaveTextContent('latency not shown yet; rates are complete');
  });

  it('never shows an empty window as a quiet "no traffic": too few samples says so', async () => {
    mockFetch((c) =>
      c.url.startsWith('/api/graph')
        ? {
            body: {
              ...graph,
              metricsError: undefined,
              edges: [],
              sparse: {
                coveredSeconds: 0,
                scrapes: 1,
                tooFew: true,
                message: 'the last 60s holds 1 scrape of the mesh',
              },
              emptyReason: 'the last 60s holds 1 scrape of the mesh',
            },
          }
        : undefined,
    );
    renderWithProviders(
      <Routes>
        <Route path="/graph" element={<GraphPage />} />
      </Routes>,
      { route: '/graph?namespaces=bookinfo&view=table' },
    );
    const sparse = await screen.findByTestId('sparse-window');
    expect(sparse).toHaveAttribute('data-too-few', 'true');
    expect(sparse).toHaveTextContent('Too few samples in the last 30s to show traffic');
    expect(sparse).toHaveTextContent('holds 1 scrape');
    expect(screen.queryByTestId('empty-reason')).toBeNull();
  });
});
