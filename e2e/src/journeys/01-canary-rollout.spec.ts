import { join } from 'node:path';
import { storedWeights } from '../stack/api';
import { expect, test } from '../stack/fixture';
import {
  appId,
  expectShares,
  applyAndConfirm,
  openRouteTab,
  serviceId,
  setWeight,
  showGraph,
  showTable,
} from './helpers';
import { backToGraphTable, manageTrafficFromGraph, openGraphFromLanding, SCREENSHOT_DIR } from './helpers-nav';

/*
 * Journey 1, the canary release document (seed 001): business-product calls data-product over gRPC;
 * the operator moves the `canary` route from v3.0 to v4.0 in four steps with the traffic-shifting
 * form (a slider, the number inputs and a preset) and checks each step twice: the stored
 * VirtualService has the weights, and the graph's table view shows the observed split converging.
 */

const NS = 'data-product';
const SERVICE = serviceId(NS, 'data-product');
const V3 = appId(NS, 'data-product', 'v3.0');
const V4 = appId(NS, 'data-product', 'v4.0');

test('canary rollout of data-product: 90/10 -> 50/50 -> 75/25 -> 0/100 in the form, the store and the graph', async ({
  page,
  api,
}) => {
  const original = await api.virtualService(NS, 'data-product');
  expect(storedWeights(original)).toEqual({ v3: 90, v4: 10 });
  try {
    // Open the graph and narrow it to data-product with the namespace picker, over a 10 s window.
    await openGraphFromLanding(page);
    await expect(page).toHaveURL(/\/graph\?.*namespaces=/);
    // Each click re-renders the menu and rewrites the URL; on a loaded machine a click can land
    // while it re-renders, so the pass is repeated until the picker reads just NS.
    await expect(async () => {
      await page.getByTestId('namespace-select').click();
      for (const option of await page.locator('[data-testid^="namespace-option-"]').all()) {
        const ns = (await option.getAttribute('data-testid'))?.replace('namespace-option-', '');
        const checkbox = option.getByRole('checkbox');
        if ((ns === NS) !== (await checkbox.isChecked())) await option.click();
        await expect(checkbox).toBeChecked({ checked: ns === NS, timeout: 2_000 });
      }
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('namespace-select')).toHaveText(NS, { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await page.getByTestId('window-select').selectOption('10s');
    await expect(page).toHaveURL(/window=10s/);
    await expect(page.getByTestId('graph-canvas')).toBeVisible();

    await showTable(page);
    await expectShares(page, SERVICE, { [V3]: 0.9, [V4]: 0.1 });

    const steps: { v3: number; v4: number; how: 'slider' | 'input' | 'preset' }[] = [
      { v3: 50, v4: 50, how: 'slider' },
      { v3: 75, v4: 25, how: 'input' },
      { v3: 0, v4: 100, how: 'preset' },
    ];
    for (const step of steps) {
      await test.step(`shift to ${step.v3}/${step.v4} with the ${step.how}`, async () => {
        await manageTrafficFromGraph(page, NS, 'data-product');
        const card = await openRouteTab(page, 'data-product', 'canary', 'tab-shift');
        const v4Row = card.locator('[data-testid="split-row"][data-destination="v4"]');
        if (step.how === 'slider') await v4Row.getByTestId('weight-slider').fill(String(step.v4));
        else if (step.how === 'input') await setWeight(card, 'v3', step.v3);
        // Presets name their versions (0/100 is "All to v4"), so they mean the same whatever the row order.
        else await card.getByRole('button', { name: 'All to v4' }).click();
        await expect(
          card.locator('[data-testid="split-row"][data-destination="v3"] [data-testid="weight-input"]'),
        ).toHaveValue(String(step.v3));
        await expect(v4Row.getByTestId('weight-input')).toHaveValue(String(step.v4));
        await expect(card.getByTestId('split-total')).toContainText('Total 100%');
        // The dry-run diff of what Apply writes is shown before writing.
        await expect(card.getByTestId('edit-preview')).toContainText(`weight: ${step.v4}`);
        const changedAt = await applyAndConfirm(page, card.getByTestId('apply-weights'));

        const stored = storedWeights(await api.virtualService(NS, 'data-product'));
        expect({ v3: stored.v3 ?? 0, v4: stored.v4 ?? 0 }).toEqual({ v3: step.v3, v4: step.v4 });
        // The form restarts from the stored route: it now shows the new weights as the expected split.
        await expect(
          card.locator('[data-testid="split-row"][data-destination="v4"] [data-testid="expected-share"]'),
        ).toHaveText(`${step.v4}%`);

        await backToGraphTable(page);
        await expectShares(page, SERVICE, { [V3]: step.v3 / 100, [V4]: step.v4 / 100 }, { since: changedAt });
      });
    }

    await showGraph(page);
    await page.waitForTimeout(500); // let cytoscape finish its first frame after the switch
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-1-canary-graph.png'), fullPage: true });
  } finally {
    await api.restore(original);
  }
});
