import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphSchema } from '@sluice/model';
import { renderWithProviders } from '@/test/render';
import { GraphTable } from './graph-table';

const graph = graphSchema.parse({
  timestamp: '2026-11-21T23:00:00Z',
  window: '30s',
  graphType: 'versionedApp',
  nodes: [
    {
      id: 'service:b:reviews',
      kind: 'service',
      namespace: 'b',
      name: 'reviews',
      flags: { virtualService: true, faultInjection: true },
    },
    { id: 'app:b:reviews:v1', kind: 'app', namespace: 'b', name: 'reviews', app: 'reviews', version: 'v1', flags: {} },
    { id: 'app:b:reviews:v3', kind: 'app', namespace: 'b', name: 'reviews', app: 'reviews', version: 'v3', flags: {} },
  ],
  edges: [
    {
      id: 'e1',
      source: 'service:b:reviews',
      target: 'app:b:reviews:v1',
      protocol: 'http',
      rps: 5,
      share: 0.5,
      errorRate: 0,
      responses: { '200': 5 },
      latencyP95Ms: 30,
    },
    {
      id: 'e2',
      source: 'service:b:reviews',
      target: 'app:b:reviews:v3',
      protocol: 'http',
      rps: 5,
      share: 0.5,
      errorRate: 0.2,
      responses: { '200': 4, '555': 1 },
      retries: { rps: 0.8, errorRate: 1 },
    },
  ],
});

describe('GraphTable', () => {
  it('lists every edge with source, target, share, rps and error rate for the e2e suite', () => {
    renderWithProviders(<GraphTable graph={graph} onSelect={() => {}} />);
    const rows = screen.getAllByTestId('edge-row');
    expect(rows.map((r) => [r.dataset.source, r.dataset.target, r.dataset.targetVersion, r.dataset.share])).toEqual([
      ['reviews', 'reviews', 'v1', '0.5'],
      ['reviews', 'reviews', 'v3', '0.5'],
    ]);
    expect(within(rows[1]!).getByTestId('edge-share')).toHaveTextContent('50.0%');
    expect(within(rows[1]!).getByTestId('edge-error-rate')).toHaveTextContent('20.0%');
    expect(within(rows[0]!).getByTestId('edge-p95')).toHaveTextContent('30ms');
    // Retried attempts are their own column, never part of Requests/s or the error rate.
    expect(within(rows[1]!).getByTestId('edge-rps')).toHaveTextContent('5.00');
    expect(within(rows[1]!).getByTestId('edge-retries')).toHaveTextContent('0.80 (100% failed)');
    expect(within(rows[0]!).getByTestId('edge-retries')).toHaveTextContent('–');
    const reviews = screen.getAllByTestId('node-row').find((r) => r.dataset.nodeId === 'service:b:reviews')!;
    expect(within(reviews).getByTestId('node-badges')).toHaveTextContent('virtual servicefault injection');
  });

  it('sorts by a column header and selects an edge from the keyboard', async () => {
    const onSelect = vi.fn();
    renderWithProviders(<GraphTable graph={graph} onSelect={onSelect} />);
    await userEvent.click(within(screen.getByTestId('edges-table')).getByRole('button', { name: 'Error rate' }));
    await userEvent.click(within(screen.getByTestId('edges-table')).getByRole('button', { name: 'Error rate' }));
    expect(screen.getAllByTestId('edge-row')[0]?.dataset.edgeId).toBe('e2');
    screen.getAllByRole('button', { name: 'reviews v3' })[0]!.focus();
    await userEvent.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledWith({ type: 'edge', id: 'e2' });
  });

  it("shows each scope's version split on a service node with a gateway-only VirtualService badge", () => {
    const scoped = graphSchema.parse({
      ...graph,
      nodes: graph.nodes.map((n) =>
        n.kind === 'service'
          ? {
              ...n,
              flags: { virtualService: true, gatewayVirtualService: true },
              splits: [
                {
                  scope: 'mesh',
                  virtualService: 'b/reviews',
                  rate: 3,
                  unit: 'requests/s',
                  shares: { v1: 0.9, v3: 0.1 },
                },
                {
                  scope: 'gateway',
                  gateway: 'b/gw',
                  virtualService: 'b/reviews-gw',
                  rate: 6,
                  unit: 'requests/s',
                  shares: { v1: 0.5, v3: 0.5 },
                },
              ],
            }
          : n,
      ),
    });
    renderWithProviders(<GraphTable graph={scoped} onSelect={() => {}} />);
    const reviews = screen.getAllByTestId('node-row').find((r) => r.dataset.nodeId === 'service:b:reviews')!;
    expect(within(reviews).getByTestId('node-badges')).toHaveTextContent('gateway-only virtual service');
    const items = within(reviews).getAllByTestId('scope-split');
    expect(items.map((i) => i.textContent)).toEqual([
      'mesh (VirtualService b/reviews): v1 90% · v3 10% · 3.00 req/s',
      'gateway b/gw (VirtualService b/reviews-gw): v1 50% · v3 50% · 6.00 req/s',
    ]);
  });
});
