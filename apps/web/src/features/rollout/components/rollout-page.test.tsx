import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import {
  nextRolloutState,
  rolloutPlanSchema,
  startRollout,
  type GateEvaluation,
  type RolloutView,
} from '@sluice/model';
import { renderWithProviders } from '@/test/render';
import { mockFetch } from '@/test/fetch-mock';
import RolloutPage from './rollout-page';

const URL = '/api/namespaces/data-product/services/data-product/rollout';
const T0 = Date.UTC(2026, 0, 1);
const stable = { host: 'data-product', subset: 'v3' };
const canary = { host: 'data-product', subset: 'v4' };
const plan = rolloutPlanSchema.parse({ virtualService: 'data-product', stable, canary });

const side = (rps: number, errorRate: number, p99Ms: number) => ({
  rps,
  requests: Math.round(rps * 60),
  errorRate,
  successRate: (1 - errorRate) * 100,
  p99Ms,
});
const gates: GateEvaluation = {
  at: new Date(T0 + 90_000).toISOString(),
  window: '1m',
  source: 'destination',
  verdict: 'fail',
  stable: side(6.75, 0.002, 11),
  canary: side(2.25, 0.1, 16),
  gates: [
    {
      gate: 'requests',
      status: 'pass',
      value: 135,
      threshold: 20,
      unit: 'requests',
      message: '135 canary requests in 1m',
    },
    { gate: 'successRate', status: 'fail', value: 90, threshold: 99, unit: '%', message: 'success rate 90% < 99%' },
    { gate: 'p99', status: 'pass', value: 16, threshold: 500, unit: 'ms', message: 'p99 16 ms <= 500 ms' },
  ],
};

const base: RolloutView = {
  namespace: 'data-product',
  service: 'data-product',
  virtualService: 'data-product',
  resourceVersion: '7',
  destinations: [stable, canary],
  versions: [
    { destination: stable, app: 'data-product', version: 'v3.0' },
    { destination: canary, app: 'data-product', version: 'v4.0' },
  ],
  state: null,
  expected: null,
  routeWeights: { stable: 90, canary: 10 },
  observed: null,
  gates: null,
  series: [],
};

function inProgress(): RolloutView {
  const state = nextRolloutState(startRollout(plan, T0, 'ana'), gates, T0 + 60_000, {
    kind: 'next',
    actor: 'ana',
  }).state;
  const point = (i: number, w: number) => ({
    at: new Date(T0 + i * 5000).toISOString(),
    canaryWeight: w,
    stable: { rps: 9 - w / 11, errorRate: 0.002, p99Ms: 11 },
    canary: { rps: w / 11, errorRate: 0.1, p99Ms: 16 },
  });
  return {
    ...base,
    state,
    expected: { stable: 75, canary: 25 },
    routeWeights: { stable: 75, canary: 25 },
    observed: { stable: 0.75, canary: 0.25 },
    gates,
    series: [point(0, 10), point(1, 10), point(2, 25)],
  };
}

const render = () =>
  renderWithProviders(
    <Routes>
      <Route path="/namespaces/:ns/services/:name/rollout" element={<RolloutPage />} />
    </Routes>,
    { route: '/namespaces/data-product/services/data-product/rollout' },
  );

afterEach(() => vi.unstubAllGlobals());

describe('RolloutPage', () => {
  it('starts a rollout from the form with the defaults and the chosen mode; numbers go out as numbers', async () => {
    const started = { ...inProgress() };
    const api = mockFetch((c) =>
      c.url === URL
        ? { status: c.method === 'POST' ? 201 : 200, body: c.method === 'POST' ? started : base }
        : undefined,
    );
    render();
    expect(await screen.findByTestId('rollout-start-form')).toBeInTheDocument();
    expect(screen.getByTestId('rollout-stable')).toHaveValue('0');
    expect(screen.getByTestId('rollout-canary')).toHaveValue('1');
    await userEvent.click(screen.getByLabelText('Automatic'));
    await userEvent.clear(screen.getByTestId('rollout-bakeSeconds'));
    await userEvent.type(screen.getByTestId('rollout-bakeSeconds'), '30');
    await userEvent.click(screen.getByTestId('start-rollout'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]!.body).toEqual({
      stable,
      canary,
      mode: 'automatic',
      steps: [10, 25, 50, 100],
      bakeSeconds: 30,
      maxFailedChecks: 3,
      gates: { minSuccessRate: 99, maxP99Ms: 500, minRequests: 20, splitTolerance: 5, source: 'destination' },
    });
    expect(await screen.findByTestId('rollout-stepper')).toBeInTheDocument();
  });

  it('shows the current step, live gates, split, charts and timeline; Next asks first and is pinned to the step on screen', async () => {
    const view = inProgress();
    const api = mockFetch((c) =>
      c.url === URL ? { body: view } : c.url === `${URL}/next` ? { body: view } : undefined,
    );
    render();
    const current = (await screen.findAllByTestId('rollout-step')).find(
      (s) => s.getAttribute('data-current') === 'true',
    );
    expect(current).toHaveAttribute('data-weight', '25');
    const success = screen.getAllByTestId('gate-row').find((r) => r.getAttribute('data-gate') === 'successRate');
    expect(success).toHaveAttribute('data-status', 'fail');
    expect(within(success!).getByText('success rate 90% < 99%')).toBeInTheDocument();
    expect(screen.getByTestId('split-expected')).toHaveTextContent('75% / 25%');
    expect(screen.getByTestId('split-observed')).toHaveTextContent('75% / 25%');
    expect(screen.getByTestId('chart-rps')).toHaveAttribute('data-points', '3');
    expect(screen.getByTestId('chart-errors-legend-canary')).toHaveTextContent('10.0%');
    expect(screen.getAllByTestId('timeline-entry').map((e) => e.getAttribute('data-action'))).toEqual([
      'next',
      'start',
    ]);
    expect(screen.queryByTestId('rollout-resume')).toBeNull();

    await userEvent.click(screen.getByTestId('rollout-next'));
    const dialog = await screen.findByTestId('rollout-confirm');
    expect(dialog).toHaveTextContent('Move the canary from 25% to 50% of traffic? Some gates are failing right now.');
    expect(api.writes()).toHaveLength(0);
    await userEvent.click(screen.getByTestId('confirm-action'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ url: `${URL}/next`, body: { expectedStep: 1 } });
  });

  it('a controller-owned VirtualService is read-only with the owner named', async () => {
    mockFetch((c) =>
      c.url === URL ? { body: { ...inProgress(), managedBy: 'Flagger Canary data-product' } } : undefined,
    );
    render();
    expect(await screen.findByTestId('rollout-managed-by')).toHaveTextContent('Managed by Flagger Canary data-product');
    expect(screen.queryByTestId('rollout-actions')).toBeNull();
    expect(screen.queryByTestId('rollout-start-form')).toBeNull();
  });

  it('the Next dialog names the failing gates; Abort sends the optional reason; charts mark the step change', async () => {
    const noted = {
      ...inProgress(),
      gates: {
        ...gates,
        gates: gates.gates.map((g) =>
          g.gate === 'successRate' ? { ...g, note: '0.5 req/s of injected aborts (fault injection) ...' } : g,
        ),
      },
    };
    const api = mockFetch((c) => (c.url.startsWith(URL) ? { body: noted } : undefined));
    render();
    expect(await screen.findByTestId('gate-note')).toHaveTextContent('0.5 req/s of injected aborts');
    // The series goes 10 -> 25: one dashed mark per chart, where the weight changed, named for screen readers.
    expect(screen.getByTestId('chart-rps')).toHaveAttribute('data-markers', '1');
    expect(screen.getByTestId('chart-rps-plot')).toHaveAccessibleName(/1 change marked: .*canary weight 10% to 25%$/);

    await userEvent.click(screen.getByTestId('rollout-next'));
    const list = await screen.findByTestId('confirm-gates');
    expect(list).toHaveTextContent('Failing – Success rate: success rate 90% < 99%');
    await userEvent.click(screen.getByTestId('confirm-cancel'));

    await userEvent.click(screen.getByTestId('rollout-abort'));
    await userEvent.type(await screen.findByTestId('abort-reason'), 'errors in the logs');
    await userEvent.click(screen.getByTestId('confirm-action'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ url: `${URL}/abort`, body: { reason: 'errors in the logs' } });
  });

  it('in demo mode offers to make the canary unhealthy; the body carries a 0..1 rate and the latency', async () => {
    const HEALTH = '/api/demo/namespaces/data-product/apps/data-product/versions/v4.0/health';
    const healthy = {
      namespace: 'data-product',
      app: 'data-product',
      version: 'v4.0',
      errorRate: 0,
      extraLatencyMs: 0,
    };
    const api = mockFetch(
      (c) => (c.url === URL ? { body: base } : undefined),
      (c) =>
        c.url === '/api/healthz'
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
      (c) =>
        c.url === HEALTH ? { body: c.method === 'PUT' ? { ...healthy, ...(c.body as object) } : healthy } : undefined,
    );
    render();
    const card = await screen.findByTestId('rehearse-card');
    expect(within(card).getByTestId('rehearse-version')).toHaveValue('data-product@v4.0');
    expect(await within(card).findByTestId('rehearse-current')).toHaveTextContent('healthy');
    await userEvent.clear(within(card).getByTestId('rehearse-latency'));
    await userEvent.type(within(card).getByTestId('rehearse-latency'), 'abc');
    await userEvent.click(within(card).getByTestId('rehearse-apply'));
    expect(await within(card).findByTestId('rehearse-problem')).toHaveTextContent('extra latency is 0 ms or more');
    expect(api.writes()).toHaveLength(0);
    await userEvent.clear(within(card).getByTestId('rehearse-latency'));
    await userEvent.type(within(card).getByTestId('rehearse-latency'), '150');
    await userEvent.click(within(card).getByTestId('rehearse-apply'));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({
      method: 'PUT',
      url: HEALTH,
      body: { errorRate: 0.3, extraLatencyMs: 150 },
    });
    expect(await within(card).findByTestId('rehearse-current')).toHaveTextContent('30% errors, +150 ms');
  });

  it('outside demo mode there is no rehearse control', async () => {
    mockFetch((c) => (c.url === URL ? { body: base } : undefined));
    render();
    expect(await screen.findByTestId('rollout-start-form')).toBeInTheDocument();
    expect(screen.queryByTestId('rehearse-card')).toBeNull();
  });
});
