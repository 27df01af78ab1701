import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../stack/fixture';
import { appId, CONVERGE, edgeRow, openRouteTab, parsePercent, serviceId, setSwitch } from './helpers';
import { manageTrafficFromGraph, openGraphTable, SCREENSHOT_DIR } from './helpers-nav';

/*
 * Journey 21, "Preview on graph" (issue 20): on demoapp's default route the operator sets an abort of
 * 20 % with 555, previews it on the graph before applying, sees the blast radius reach the ingress
 * gateway's caller edge (proxy passes demoapp's 555 back to whoever called it), applies from the
 * preview, and once a full window has passed sees the observed error rate match the preview's.
 */

const NS = 'demoapp';
const WINDOW = '30s';
const PROXY = appId(NS, 'proxy', 'v0.1.1');
const DEMOAPP = serviceId(NS, 'demoapp');
const GATEWAY_EDGE = `ingress:istio-system:istio-ingressgateway->${serviceId(NS, 'proxy')}:http`;

// @axe-core/playwright types its page with the workspace's playwright-core (see journey 14).
const axe = (page: Page) =>
  new AxeBuilder({ page: page as unknown as ConstructorParameters<typeof AxeBuilder>[0]['page'] });

const previewRow = (page: Page, source: string, target: string) =>
  page.locator(`[data-testid="preview-edge-row"][data-source-id="${source}"][data-target-id="${target}"]`);

test('preview a fault on demoapp, see its blast radius, apply it and compare', async ({ page, api }) => {
  const original = await api.virtualService(NS, 'demoapp');
  try {
    await openGraphTable(page, NS, WINDOW);
    await expect(edgeRow(page, PROXY, DEMOAPP)).toHaveCount(1);
    await manageTrafficFromGraph(page, NS, 'demoapp');
    const card = await openRouteTab(page, 'demoapp', 'default', 'tab-fault');
    const form = card.getByTestId('fault-form');
    await setSwitch(form.getByTestId('abort-switch'), true);
    await form.getByTestId('abort-percent').fill('20');
    await form.getByTestId('abort-status').fill('555');

    let expectedErrors = Number.NaN;
    await test.step('preview on graph: expected errors and the blast radius, nothing written', async () => {
      await form.getByTestId('preview-on-graph').click();
      await expect(page.getByTestId('graph-preview')).toBeVisible();
      await expect(page.getByTestId('preview-covers')).toContainText(`last ${WINDOW}`);
      const intoDemoapp = previewRow(page, PROXY, DEMOAPP);
      await expect(intoDemoapp).toHaveAttribute('data-blast', 'true');
      expectedErrors = parsePercent(await intoDemoapp.getByTestId('expected-errors').innerText());
      // 20 % of the default route, which carries most of proxy's requests (all but /canary and /backend).
      expect(expectedErrors).toBeGreaterThan(0.1);
      expect(expectedErrors).toBeLessThan(0.2);
      // proxy passes 555 back: its callers, the ingress gateway included, are in the blast radius.
      await expect(page.locator(`[data-testid="preview-edge-row"][data-edge="${GATEWAY_EDGE}"]`)).toHaveAttribute(
        'data-blast',
        'true',
      );
      await expect(
        page.locator(`[data-testid="blast-radius-node"][data-node="${serviceId(NS, 'proxy')}"]`),
      ).toBeVisible();
      const stored = await api.virtualService(NS, 'demoapp');
      expect(stored.metadata.resourceVersion).toBe(original.metadata.resourceVersion);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-21-preview.png'), fullPage: true });
      // The overlay is a page of its own: no serious or critical accessibility finding, headings in order.
      const scan = await axe(page).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const headings = await axe(page).withRules(['heading-order', 'page-has-heading-one']).analyze();
      expect(
        [
          ...scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
          ...headings.violations,
        ].map((v) => `${v.id}: ${v.help}`),
      ).toEqual([]);
    });

    await test.step('apply from the preview; after a full window the observed errors match', async () => {
      await page.getByTestId('preview-apply').click();
      await expect(page.getByTestId('after-apply-waiting')).toBeVisible();
      const route = (await api.virtualService(NS, 'demoapp')).spec.http?.find((r) => r.name === 'default');
      expect(route?.fault?.abort).toMatchObject({ httpStatus: 555, percentage: { value: 20 } });
      const comparison = page.getByTestId('after-apply-comparison');
      await expect(comparison).toBeVisible({ timeout: 90_000 });
      await expect(comparison).toHaveAttribute('data-total', /[1-9]/);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-21-after-apply.png'), fullPage: true });

      // The live graph over a window entirely after the change: within sampling tolerance of the preview
      // (about 10 requests/s over 30 s on this edge: 4 binomial standard deviations are ~0.09).
      await openGraphTable(page, NS, WINDOW);
      await expect(async () => {
        const observed = parsePercent(
          await edgeRow(page, PROXY, DEMOAPP, { mirrored: false }).getByTestId('edge-error-rate').innerText(),
        );
        expect(Math.abs(observed - expectedErrors), `observed ${observed}, preview ${expectedErrors}`).toBeLessThan(
          0.09,
        );
      }).toPass(CONVERGE);
    });
  } finally {
    await api.restore(original);
  }
});
