import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { rolloutPlanSchema, startRollout, type RolloutView } from '@sluice/model';
import { decodePreview } from '@/lib/graph-preview-link';
import { renderWithProviders } from '@/test/render';
import { PreviewNextStep } from './preview-next-step';

/* The rollout page previews its next step on the graph: the weights that step writes, applied through the rollout. */

const stable = { host: 'data-product', subset: 'v3' };
const canary = { host: 'data-product', subset: 'v4' };
const plan = rolloutPlanSchema.parse({ virtualService: 'data-product', stable, canary });
const state = startRollout(plan, Date.UTC(2026, 0, 1), 'ana');
const view: RolloutView = {
  namespace: 'data-product',
  service: 'data-product',
  virtualService: 'data-product',
  resourceVersion: '7',
  destinations: [stable, canary],
  versions: [],
  state,
  expected: { stable: 90, canary: 10 },
  routeWeights: { stable: 90, canary: 10 },
  observed: null,
  gates: null,
  series: [],
};

function GraphProbe() {
  const location = useLocation();
  return <output data-testid="probe">{new URLSearchParams(location.search).get('preview') ?? ''}</output>;
}

describe('PreviewNextStep', () => {
  it('opens the graph preview with the next step weights (10 -> 25 %), applied through the rollout', async () => {
    renderWithProviders(
      <Routes>
        <Route path="/rollout" element={<PreviewNextStep view={view} state={state} />} />
        <Route path="/graph" element={<GraphProbe />} />
      </Routes>,
      { route: '/rollout?window=1m' },
    );
    await userEvent.click(screen.getByTestId('rollout-preview-next'));
    const decoded = decodePreview((await screen.findByTestId('probe')).textContent ?? '');
    expect(decoded?.rolloutNext).toEqual({ namespace: 'data-product', service: 'data-product', expectedStep: 0 });
    expect(decoded?.changes[0]).toMatchObject({ kind: 'VirtualService', name: 'data-product', resourceVersion: '7' });
    expect(decoded?.changes[0]?.edits[0]).toMatchObject({
      op: 'setWeights',
      weights: [
        { destination: stable, weight: 75 },
        { destination: canary, weight: 25 },
      ],
    });
  });

  it('is not offered when the rollout cannot move to a next step', () => {
    renderWithProviders(<PreviewNextStep view={view} state={{ ...state, phase: 'promoted' }} />);
    expect(screen.queryByTestId('rollout-preview-next')).toBeNull();
  });
});
