import { demoappProfile } from '@sluice/mesh-sim';
import { storedWeights } from '../stack/api';
import { expect, test } from '../stack/fixture';
import { appId, CONVERGE, edgeRow, expectShares, applyAndConfirm, openRouteTab, serviceId, showGraph } from './helpers';
import { backToGraphTable, manageTrafficFromGraph, openGraphTable } from './helpers-nav';

/*
 * Journey 4, VirtualService advanced (seed 003): mirror all of demoapp's default route to v1.1.
 * Mirrored requests appear only at the destination, as their own dashed edge proxy -> v1.1, and
 * never count into the live split, which stays what the routes send: /canary to v1.1, the default
 * route 90/10 v1.0/v1.1, /backend redirected before it reaches a version.
 */

const NS = 'demoapp';
const DEMOAPP = serviceId(NS, 'demoapp');
const V10 = appId(NS, 'demoapp', 'v1.0');
const V11 = appId(NS, 'demoapp', 'v1.1');
// Mirrored requests are seen only at the destination, so their edge starts at the caller (proxy).
const PROXY = appId(NS, 'proxy', 'v0.1.1');

test('demoapp: mirror the default route to v1.1; a dashed mirrored edge appears and the live split is unchanged', async ({
  page,
  api,
}) => {
  const original = await api.virtualService(NS, 'demoapp');
  const weights = storedWeights(
    original,
    'http',
    (original.spec.http ?? []).findIndex((r) => r.name === 'default'),
  );
  expect(weights).toEqual({ v10: 90, v11: 10 });
  // The live split the config gives, from the request mix of the simulator's profile.
  const mix = demoappProfile.generators.flatMap((g) => (g.mix ?? []).map((k) => ({ ...k, weight: k.weight * g.rps })));
  const sum = (f: (k: (typeof mix)[number]) => boolean) => mix.filter(f).reduce((a, k) => a + k.weight, 0);
  const canary = sum((k) => k.path === '/canary');
  const routedDefault = sum((k) => k.path !== '/canary' && k.path !== '/backend');
  const v11Live = (canary + (routedDefault * (weights.v11 ?? 0)) / 100) / (canary + routedDefault);
  try {
    await openGraphTable(page, NS);
    await expectShares(page, DEMOAPP, { [V10]: 1 - v11Live, [V11]: v11Live });
    await expect(edgeRow(page, PROXY, V11, { mirrored: true })).toHaveCount(0);

    await manageTrafficFromGraph(page, NS, 'demoapp');
    const card = await openRouteTab(page, 'demoapp', 'default', 'tab-mirror');
    const form = card.getByTestId('mirror-form');
    await expect(form).toContainText('No mirroring on this route.');
    await form.getByTestId('mirror-subset').selectOption('v11');
    await form.getByTestId('mirror-percent').fill('100');
    const changedAt = await applyAndConfirm(page, form.getByTestId('apply-mirror'));

    const stored = await api.virtualService(NS, 'demoapp');
    const route = stored.spec.http?.find((r) => r.name === 'default');
    const mirror = route?.mirror ?? route?.mirrors?.[0]?.destination;
    expect(mirror).toMatchObject({ host: 'demoapp', subset: 'v11' });
    const pct = route?.mirrorPercentage?.value ?? route?.mirrors?.[0]?.percentage?.value ?? 100;
    expect(pct).toBe(100);
    expect(storedWeights(stored, 'http', (stored.spec.http ?? []).indexOf(route!))).toEqual(weights);
    await expect(page.locator('[data-testid="route-card"][data-route="default"]')).toBeVisible();

    await backToGraphTable(page);
    const mirroredRow = edgeRow(page, PROXY, V11, { mirrored: true });
    await expect(mirroredRow).toHaveCount(1, { timeout: CONVERGE.timeout });
    await expect(mirroredRow.getByTestId('edge-target')).toContainText('mirrored');
    await expect(mirroredRow.getByTestId('edge-share')).toHaveText('–');
    // The live split from the service node is what it was.
    await expectShares(page, DEMOAPP, { [V10]: 1 - v11Live, [V11]: v11Live }, { since: changedAt });

    // On the canvas the same edge is drawn dashed, in the mirror colour.
    const id = await mirroredRow.getAttribute('data-edge-id');
    expect(id).toBeTruthy();
    await showGraph(page);
    await expect
      .poll(
        () =>
          page.getByTestId('graph-canvas').evaluate((el, edge) => {
            const cy = (
              el as unknown as {
                _cyreg?: { cy?: { getElementById(id: string): { nonempty(): boolean; style(p: string): string } } };
              }
            )._cyreg?.cy;
            const e = cy?.getElementById(edge);
            return e?.nonempty() ? e.style('line-style') : 'missing';
          }, id ?? ''),
        CONVERGE,
      )
      .toBe('dashed');
  } finally {
    await api.restore(original);
  }
});
