import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { storedWeights } from '../stack/api';
import { expect, test } from '../stack/fixture';
import { SCREENSHOT_DIR } from './helpers-nav';

/*
 * Journey 9, a guided canary rollout (issue 8): from the data-product service page the operator
 * opens the rollout page, starts a manual rollout of v4.0 with the default plan, watches the gates
 * (live from Prometheus), advances two steps with confirmations, aborts, and sees the weights back
 * at 100/0 - on the page and in the stored VirtualService.
 */

const NS = 'data-product';
const ROLLOUT_API = `/api/namespaces/${NS}/services/data-product/rollout`;

const currentStep = (page: Page) => page.locator('[data-testid="rollout-step"][data-current="true"]');

async function confirmAction(page: Page, action: 'next' | 'abort'): Promise<void> {
  await page.getByTestId(`rollout-${action}`).click();
  const dialog = page.getByTestId('rollout-confirm');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('confirm-action').click();
  await expect(dialog).toBeHidden();
}

test('manual rollout of data-product v4.0: start, two steps watching the gates, abort -> 100/0', async ({
  page,
  api,
  stack,
}) => {
  const original = await api.virtualService(NS, 'data-product');
  try {
    await page.goto(`/namespaces/${NS}/services/data-product?namespaces=${NS}&window=10s`);
    await expect(page.getByTestId('service-title')).toContainText('data-product');
    await page.getByTestId('rollout-link').click();
    await expect(page.getByTestId('rollout-title')).toContainText('data-product');

    // The default plan: the route's heaviest destination (v3) is stable, v4 the canary, manual mode.
    const form = page.getByTestId('rollout-start-form');
    await expect(form.getByTestId('rollout-stable').locator('option:checked')).toHaveText('data-product / v3');
    await expect(form.getByTestId('rollout-canary').locator('option:checked')).toHaveText('data-product / v4');
    await expect(form.getByLabel('Manual')).toBeChecked();
    await form.getByTestId('start-rollout').click();

    await expect(page.getByTestId('rollout-phase')).toHaveAttribute('data-phase', 'progressing');
    await expect(currentStep(page)).toHaveAttribute('data-weight', '10');
    expect(storedWeights(await api.virtualService(NS, 'data-product'))).toEqual({ v3: 90, v4: 10 });

    for (const weight of [25, 50]) {
      await test.step(`watch the gates, then next step to ${weight}%`, async () => {
        // The canary has traffic: the request-count gate passes and every gate shows a measured value.
        await expect(page.locator('[data-testid="gate-row"][data-gate="requests"]')).toHaveAttribute(
          'data-status',
          'pass',
        );
        for (const gate of await page.getByTestId('gate-row').all())
          await expect(gate.getByTestId('gate-value')).not.toHaveText('–');
        await confirmAction(page, 'next');
        await expect(currentStep(page)).toHaveAttribute('data-weight', String(weight));
        await expect(page.getByTestId('split-route')).toHaveAttribute('data-canary', String(weight));
        const stored = storedWeights(await api.virtualService(NS, 'data-product'));
        expect(stored).toEqual({ v3: 100 - weight, v4: weight });
      });
    }

    // The observed split follows the route (Prometheus over the gate window, so only roughly).
    await expect
      .poll(async () => Number(await page.getByTestId('split-observed').getAttribute('data-canary')), {
        timeout: 90_000,
      })
      .toBeGreaterThan(0.2);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-9-rollout.png'), fullPage: true });

    await confirmAction(page, 'abort');
    await expect(page.getByTestId('rollout-phase')).toHaveAttribute('data-phase', 'aborted');
    await expect(page.getByTestId('split-route')).toHaveText('100% / 0%');
    expect(storedWeights(await api.virtualService(NS, 'data-product'))).toEqual({ v3: 100, v4: 0 });
    await expect(page.getByTestId('timeline-entry')).toHaveCount(4);
    const actions = await page
      .getByTestId('timeline-entry')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(['abort', 'next', 'next', 'start']);
  } finally {
    // A journey that failed half-way must not leave a rollout for the next one.
    await fetch(`${stack.url}${ROLLOUT_API}/abort`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }).catch(() => undefined);
    await api.restore(original);
  }
});
