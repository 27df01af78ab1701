import { bookinfoProfile } from '@sluice/mesh-sim';
import { storedWeights } from '../stack/api';
import { expect, test } from '../stack/fixture';
import { appId, expectShares, applyAndConfirm, openRouteTab, serviceId, setWeight } from './helpers';
import { backToGraphTable, manageTrafficFromGraph, openGraphTable } from './helpers-nav';

/*
 * Journey 2, the Service Mesh introduction (seed 002): reviews all-to-v1, then 50/50 v1/v3, then
 * 100% v3, then a match route `end-user: jason` -> v2. Only /productpage requests call reviews, and
 * a fixed share of them carry `end-user: jason` (the simulator's bookinfo profile): after the match
 * route, reviews v2 gets exactly that share and v3 the rest.
 */

const NS = 'bookinfo';
const REVIEWS = serviceId(NS, 'reviews');
const V1 = appId(NS, 'reviews', 'v1');
const V2 = appId(NS, 'reviews', 'v2');
const V3 = appId(NS, 'reviews', 'v3');

/** Share of the requests reaching reviews (those for /productpage) that come from jason. */
function jasonShareOfReviews(): number {
  const mix = bookinfoProfile.generators.flatMap((g) => (g.mix ?? []).map((k) => ({ ...k, weight: k.weight * g.rps })));
  const toReviews = mix.filter((k) => k.path === '/productpage');
  const total = toReviews.reduce((a, k) => a + k.weight, 0);
  return toReviews.filter((k) => k.headers?.['end-user'] === 'jason').reduce((a, k) => a + k.weight, 0) / total;
}

test('bookinfo reviews: all-to-v1, 50/50 v1/v3, 100% v3, then end-user: jason -> v2', async ({ page, api }) => {
  const original = await api.virtualService(NS, 'reviews');
  const jason = jasonShareOfReviews();
  expect(jason).toBeGreaterThan(0.1);
  expect(jason).toBeLessThan(0.5);
  try {
    await openGraphTable(page, NS);
    // All-to-v1 is how the scenario starts: every reviews request goes to v1.
    expect(storedWeights(original)).toEqual({ v1: 100 });
    await expectShares(page, REVIEWS, { [V1]: 1, [V2]: 0, [V3]: 0 });

    for (const step of [
      { v1: 50, v3: 50 },
      { v1: 0, v3: 100 },
    ]) {
      await test.step(`reviews ${step.v1}/${step.v3} v1/v3`, async () => {
        await manageTrafficFromGraph(page, NS, 'reviews');
        const card = await openRouteTab(page, 'reviews', 'default', 'tab-shift');
        await setWeight(card, 'v3', step.v3);
        await expect(
          card.locator('[data-testid="split-row"][data-destination="v1"] [data-testid="weight-input"]'),
        ).toHaveValue(String(step.v1));
        const changedAt = await applyAndConfirm(page, card.getByTestId('apply-weights'));
        const stored = storedWeights(await api.virtualService(NS, 'reviews'));
        expect({ v1: stored.v1 ?? 0, v2: stored.v2 ?? 0, v3: stored.v3 ?? 0 }).toEqual({
          v1: step.v1,
          v2: 0,
          v3: step.v3,
        });
        await backToGraphTable(page);
        await expectShares(page, REVIEWS, { [V1]: step.v1 / 100, [V2]: 0, [V3]: step.v3 / 100 }, { since: changedAt });
      });
    }

    await test.step('match route end-user: jason -> v2', async () => {
      await manageTrafficFromGraph(page, NS, 'reviews');
      const vsCard = page.locator('[data-testid="virtual-service-card"][data-name="reviews"]');
      await vsCard.getByText('Request routing: add a match route').click();
      const form = vsCard.getByTestId('match-route-form');
      await expect(form).toBeVisible();
      await form.getByTestId('match-on').selectOption('header');
      await form.getByTestId('match-header').fill('end-user');
      await form.getByTestId('match-kind').selectOption('exact');
      await form.getByTestId('match-value').fill('jason');
      await form.getByTestId('match-subset').selectOption('v2');
      const changedAt = await applyAndConfirm(page, form.getByTestId('apply-match-route'));

      const stored = await api.virtualService(NS, 'reviews');
      const http = stored.spec.http ?? [];
      expect(http).toHaveLength(2);
      expect(http[0]?.match).toEqual([{ headers: { 'end-user': { exact: 'jason' } } }]);
      expect(http[0]?.route).toEqual([
        expect.objectContaining({ destination: expect.objectContaining({ host: 'reviews', subset: 'v2' }) }),
      ]);
      expect(storedWeights(stored, 'http', 1)).toEqual({ v3: 100 });
      // The page lists the new route first, with its condition.
      await expect(page.locator('[data-testid="route-card"]').first()).toContainText('end-user');

      await backToGraphTable(page);
      await expectShares(page, REVIEWS, { [V1]: 0, [V2]: jason, [V3]: 1 - jason }, { since: changedAt });
      // v2 (like v3) calls ratings: the new edge is there too.
      await expect(
        page.locator(`[data-testid="edge-row"][data-source-id="${V2}"][data-target-id="${serviceId(NS, 'ratings')}"]`),
      ).toHaveCount(1);
    });
  } finally {
    await api.restore(original);
  }
});
