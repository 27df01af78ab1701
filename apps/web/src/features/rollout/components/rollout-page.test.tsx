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
      gates: { minSuccessRate: 99, maxP99Ms: 500, minRequests: 20 },
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
    expect(screen.getByTestId('chart-errors-canary')).toHaveTextContent('10.0%');
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
});
