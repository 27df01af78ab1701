import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { GatewayRouteView, KubeHTTPRoute, ServiceTraffic } from '@sluice/model';
import { renderWithProviders } from '@/test/render';
import { mockFetch } from '@/test/fetch-mock';
import { reviewsTraffic } from '@/test/fixtures';
import { landedPreview, withPreviewLanding } from '@/test/preview-landing';
import { BackendWeightsForm } from './backend-weights-form';

/* The HTTPRoute weight form: the traffic-shifting parts on a rule's backendRefs, writing setBackendWeights. */

const route: GatewayRouteView = {
  kind: 'HTTPRoute',
  name: 'echo',
  namespace: 'gateway-api',
  resourceVersion: '7',
  scope: 'gateway',
  parents: [{ kind: 'Gateway', namespace: 'gateway-api', name: 'echo-gateway' }],
  hostnames: ['echo.example.com'],
  rules: [
    {
      index: 0,
      matchSummary: [],
      backends: [
        { name: 'echo-v1', namespace: 'gateway-api', port: 8080, weight: 90, version: 'v1' },
        { name: 'echo-v2', namespace: 'gateway-api', port: 8080, weight: 10, version: 'v2' },
      ],
      expected: [
        { host: 'echo-v1.gateway-api.svc.cluster.local', share: 0.9 },
        { host: 'echo-v2.gateway-api.svc.cluster.local', share: 0.1 },
      ],
      filters: [],
    },
  ],
};
const base = reviewsTraffic();
const traffic: ServiceTraffic = {
  ...base,
  namespace: 'gateway-api',
  service: 'echo',
  virtualServices: [],
  gatewayRoutes: [route],
  observed: {
    ...base.observed,
    bySource: [
      {
        source: 'echo-gateway-istio',
        sourceNamespace: 'gateway-api',
        scope: 'gateway',
        rps: 10,
        versions: [
          { version: 'v1', rps: 8.8, share: 0.88, errorRate: 0 },
          { version: 'v2', rps: 1.2, share: 0.12, errorRate: 0 },
        ],
      },
      {
        source: 'sleep',
        sourceNamespace: 'gateway-api',
        scope: 'mesh',
        rps: 2,
        versions: [{ version: 'v1', rps: 2, share: 1, errorRate: 0 }],
      },
    ],
  },
};
const stored = (w1: number, w2: number): KubeHTTPRoute => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'echo', namespace: 'gateway-api', resourceVersion: '8' },
  spec: {
    rules: [
      {
        backendRefs: [
          { name: 'echo-v1', port: 8080, weight: w1 },
          { name: 'echo-v2', port: 8080, weight: w2 },
        ],
      },
    ],
  },
});
const dryRun = {
  dryRun: true,
  object: stored(50, 50),
  diff: '-        weight: 90\n+        weight: 50\n',
  findings: [],
};
const row = (label: string) => screen.getAllByTestId('split-row').find((r) => r.dataset.destination === label)!;

afterEach(() => vi.unstubAllGlobals());

describe('BackendWeightsForm', () => {
  it('shows each backendRef with its expected share and the gateway callers observed on its version', () => {
    mockFetch();
    renderWithProviders(<BackendWeightsForm traffic={traffic} route={route} ruleIndex={0} />);
    expect(screen.getAllByTestId('split-row').map((r) => r.dataset.destination)).toEqual(['echo-v1', 'echo-v2']);
    expect(within(row('echo-v1')).getByTestId('expected-share')).toHaveTextContent('90%');
    // Gateway scope only: the mesh client's 100% to v1 is not mixed in.
    expect(within(row('echo-v2')).getByTestId('observed-share')).toHaveTextContent('12%');
    expect(screen.getByTestId('apply-weights')).toBeDisabled();
  });

  it('previews, then writes setBackendWeights naming every backendRef, with the resourceVersion', async () => {
    const api = mockFetch((c) =>
      c.url.includes('dryRun=true')
        ? { body: dryRun }
        : c.method === 'POST'
          ? { body: { ...dryRun, dryRun: false } }
          : undefined,
    );
    renderWithProviders(<BackendWeightsForm traffic={traffic} route={route} ruleIndex={0} />);
    await userEvent.click(screen.getByRole('button', { name: '50 echo-v1 / 50 echo-v2' }));
    expect(await screen.findByTestId('yaml-diff')).toHaveTextContent(/\+\s+weight: 50/);
    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-weights'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({
      url: '/api/namespaces/gateway-api/httproutes/echo/edits',
      body: {
        resourceVersion: '7',
        edits: [
          {
            op: 'setBackendWeights',
            rule: 0,
            weights: [
              { name: 'echo-v1', weight: 50 },
              { name: 'echo-v2', weight: 50 },
            ],
          },
        ],
      },
    });
    expect(await screen.findByText('Updated HTTPRoute gateway-api/echo')).toBeInTheDocument();
  });

  it('Preview on graph opens the graph with the HTTPRoute setBackendWeights, writing nothing', async () => {
    const api = mockFetch((c) => (c.url.includes('dryRun=true') ? { body: dryRun } : undefined));
    renderWithProviders(withPreviewLanding(<BackendWeightsForm traffic={traffic} route={route} ruleIndex={0} />), {
      route: '/form',
    });
    expect(screen.getByTestId('preview-on-graph')).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: '50 echo-v1 / 50 echo-v2' }));
    await userEvent.click(screen.getByTestId('preview-on-graph'));
    const state = landedPreview(await screen.findByTestId('preview-landing'));
    expect(state.changes).toEqual([
      {
        namespace: 'gateway-api',
        kind: 'HTTPRoute',
        name: 'echo',
        resourceVersion: '7',
        edits: [
          {
            op: 'setBackendWeights',
            rule: 0,
            weights: [
              { name: 'echo-v1', weight: 50 },
              { name: 'echo-v2', weight: 50 },
            ],
          },
        ],
      },
    ]);
    expect(state.label).toBe('Backend weights of HTTPRoute gateway-api/echo rule 0: echo-v1 50%, echo-v2 50%');
    expect(api.writes()).toHaveLength(0);
  });

  it('keeps the total at 100 as one weight is typed, and sends 0 for a backend taken out', async () => {
    mockFetch((c) => (c.url.includes('dryRun=true') ? { body: dryRun } : undefined));
    renderWithProviders(<BackendWeightsForm traffic={traffic} route={route} ruleIndex={0} />);
    const input = within(row('echo-v2')).getByLabelText('Weight for echo-v2 (%)') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '100' } });
    expect((within(row('echo-v1')).getByLabelText('Weight for echo-v1 (%)') as HTMLInputElement).value).toBe('0');
    expect(screen.getByTestId('split-total')).toHaveTextContent('Total 100%');
  });

  it('on the rule of an active rollout, Apply waits for the explicit override and sends it', async () => {
    const held: GatewayRouteView = {
      ...route,
      rollout: { phase: 'progressing', stepIndex: 0, canaryWeight: 10, httpRouteIndex: 0, mode: 'manual' },
    };
    const api = mockFetch((c) =>
      c.url.includes('dryRun=true')
        ? { body: dryRun }
        : c.method === 'POST'
          ? { body: { ...dryRun, dryRun: false } }
          : undefined,
    );
    renderWithProviders(<BackendWeightsForm traffic={traffic} route={held} ruleIndex={0} />);
    await userEvent.click(screen.getByRole('button', { name: '50 echo-v1 / 50 echo-v2' }));
    expect(await screen.findByTestId('rollout-held-route')).toHaveTextContent('canary at 10%');
    await screen.findByTestId('yaml-diff');
    expect(screen.getByTestId('apply-weights')).toBeDisabled();
    await userEvent.click(screen.getByTestId('override-rollout'));
    await waitFor(() => expect(screen.getByTestId('apply-weights')).toBeEnabled());
    await userEvent.click(screen.getByTestId('apply-weights'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]?.body).toMatchObject({ overrideRollout: true });
  });
});
