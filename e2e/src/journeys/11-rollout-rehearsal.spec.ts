import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { storedWeights } from '../stack/api';
import { expect, test } from '../stack/fixture';
import { SCREENSHOT_DIR } from './helpers-nav';

/*
 * Journey 11, rehearsing a bad canary (issue 11): on the rollout page of data-product the operator
 * makes v4.0 unhealthy with the demo control, starts an automatic rollout and watches it roll back
 * by itself (the timeline names the failing gate); then makes v4.0 healthy, starts again at once
 * and watches it promote - the gates judge only the new rollout's traffic, so the errors of a
 * minute ago do not count against it. Short bake and two steps keep the wall time near a minute.
 */

const NS = 'data-product';
const ROLLOUT_API = `/api/namespaces/${NS}/services/data-product/rollout`;
const HEALTH_API = `/api/demo/namespaces/${NS}/apps/data-product/versions/v4.0/health`;

async function startAutomatic(page: Page): Promise<void> {
  const form = page.getByTestId('rollout-start-form');
  await expect(form.getByTestId('rollout-canary').locator('option:checked')).toHaveText('data-product / v4');
  await form.getByLabel('Automatic').check();
  const fill = async (field: string, value: string) => form.getByTestId(`rollout-${field}`).fill(value);
  await fill('steps', '50, 100');
  await fill('bakeSeconds', '5');
  // The demo's data-product answers 0.2 % errors by itself: 95 % lets a few hundred requests pass.
  await fill('minSuccessRate', '95');
  await fill('minRequests', '15');
  // Two sides at ~4.5 req/s each: a 10 pp tolerance converges within seconds of a step.
  await fill('splitTolerance', '10');
  await fill('maxFailedChecks', '2');
  await form.getByTestId('start-rollout').click();
  await expect(page.getByTestId('rollout-phase')).toHaveAttribute('data-phase', 'progressing');
}

test('rehearse a bad canary: automatic rollout of an unhealthy v4.0 rolls back; healthy again, it promotes', async ({
  page,
  api,
  stack,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  const original = await api.virtualService(NS, 'data-product');
  try {
    await page.goto(`/namespaces/${NS}/services/data-product/rollout?namespaces=${NS}`);
    await expect(page.getByTestId('rollout-title')).toContainText('data-product');

    await test.step('make v4.0 unhealthy from the rollout page', async () => {
      const card = page.getByTestId('rehearse-card');
      await expect(card.getByTestId('rehearse-version').locator('option:checked')).toHaveText(
        'data-product v4.0 (subset v4)',
      );
      await card.getByTestId('rehearse-error-rate').fill('50');
      await card.getByTestId('rehearse-apply').click();
      await expect(card.getByTestId('rehearse-current')).toHaveText('50% errors, +0 ms');
    });

    await test.step('an automatic rollout of the bad canary rolls back by itself', async () => {
      await startAutomatic(page);
      await expect(page.getByTestId('split-route')).toHaveAttribute('data-canary', '50');
      await expect(page.getByTestId('rollout-phase')).toHaveAttribute('data-phase', 'rolledBack', {
        timeout: 90_000,
      });
      const rollback = page.locator('[data-testid="timeline-entry"][data-action="rollback"]');
      await expect(rollback).toContainText(/rolled back after 2 failed checks: success rate \d+(\.\d+)?% < 95%/);
      expect(storedWeights(await api.virtualService(NS, 'data-product'))).toEqual({ v3: 100, v4: 0 });
      // The charts are wide enough to read at 1920 px, and mark where the canary's weight changed.
      const canvas = await page.getByTestId('chart-errors').locator('canvas').boundingBox();
      expect(canvas?.width ?? 0).toBeGreaterThanOrEqual(600);
      // Every weight change in the series is drawn on the canvas (how many depends on when the points were taken).
      const chart = page.getByTestId('chart-errors');
      await expect(chart).toHaveAttribute('data-markers-drawn', (await chart.getAttribute('data-markers')) ?? '');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-11-rolled-back.png'), fullPage: true });
    });

    await test.step('make v4.0 healthy, start again at once: the rollout promotes', async () => {
      const card = page.getByTestId('rehearse-card');
      await card.getByTestId('rehearse-heal').click();
      await expect(card.getByTestId('rehearse-current')).toHaveText('healthy');
      await startAutomatic(page);
      // The gates read only the new rollout's traffic: the errors of a minute ago never count against it.
      await expect(page.getByTestId('rollout-phase')).toHaveAttribute('data-phase', 'promoted', { timeout: 90_000 });
      const actions = await page
        .getByTestId('timeline-entry')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
      // The new rollout's own timeline: started and advanced to 100, no failed check, no rollback.
      expect(actions).toEqual(['advance', 'start']);
      expect(storedWeights(await api.virtualService(NS, 'data-product'))).toEqual({ v3: 0, v4: 100 });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-11-promoted.png'), fullPage: true });
    });
  } finally {
    const post = (path: string, method: string, body: unknown) =>
      fetch(`${stack.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).catch(() => undefined);
    await post(HEALTH_API, 'PUT', { errorRate: 0, extraLatencyMs: 0 });
    await post(`${ROLLOUT_API}/abort`, 'POST', {});
    await api.restore(original);
  }
});
