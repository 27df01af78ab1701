import { join } from 'node:path';
import { demoappProfile } from '@sluice/mesh-sim';
import { expect, test } from '../stack/fixture';
import {
  appId,
  CONVERGE,
  edgeRow,
  applyAndConfirm,
  openRouteTab,
  parsePercent,
  serviceId,
  setSwitch,
  showGraph,
  waitForFreshWindow,
  visibleErrorRate,
  visibleP95,
} from './helpers';
import { backToGraphTable, manageTrafficFromGraph, openGraphTable, SCREENSHOT_DIR } from './helpers-nav';
import type { Page } from '@playwright/test';

/*
 * Journey 3, VirtualService advanced (seed 003): on demoapp's `canary` route (/canary, rewritten to
 * v1.1) the operator switches an abort of 20% with code 555 on and off, then a 20% 3 s delay.
 *
 * Where it shows: Envoy answers an injected abort in the caller's sidecar, so it is on the edge
 * proxy -> demoapp (the service), whose traffic is only partly /canary: its error rate is
 * 20% x the /canary share of the load. A delay is charged to the version the request went to:
 * demoapp v1.1 receives all of /canary plus 10% of the default route, so 20% of /canary is well
 * above the 5% tail a p95 reads, and the p95 of service -> v1.1 goes past 3 s.
 */

const NS = 'demoapp';
const PROXY = appId(NS, 'proxy', 'v0.1.1');
const DEMOAPP = serviceId(NS, 'demoapp');
const V11 = appId(NS, 'demoapp', 'v1.1');

/** Share of proxy -> demoapp requests that ask for /canary (every request of the mix reaches demoapp). */
function canaryShare(): number {
  const mix = demoappProfile.generators.flatMap((g) => (g.mix ?? []).map((k) => ({ ...k, weight: k.weight * g.rps })));
  const total = mix.reduce((a, k) => a + k.weight, 0);
  return mix.filter((k) => k.path === '/canary').reduce((a, k) => a + k.weight, 0) / total;
}

/** The response codes the side panel lists for the edge proxy -> demoapp. */
async function edgeResponseCodes(page: Page): Promise<string> {
  const row = edgeRow(page, PROXY, DEMOAPP, { mirrored: false });
  await row.getByTestId('edge-target').getByRole('button').click();
  const panel = page.getByTestId('side-panel');
  await expect(panel).toBeVisible();
  return panel.innerText();
}

async function openFaultTab(page: Page) {
  await manageTrafficFromGraph(page, NS, 'demoapp');
  const card = await openRouteTab(page, 'demoapp', 'canary', 'tab-fault');
  return card.getByTestId('fault-form');
}

test('demoapp canary route: abort 20% 555 on and off, then delay 20% 3s on and off', async ({ page, api }) => {
  const original = await api.virtualService(NS, 'demoapp');
  expect(original.spec.http?.find((r) => r.name === 'canary')?.fault).toBeUndefined();
  const canary = canaryShare();
  try {
    await openGraphTable(page, NS);
    await expect(edgeRow(page, PROXY, DEMOAPP)).toHaveCount(1);

    await test.step('abort 20% with 555 on', async () => {
      const form = await openFaultTab(page);
      await setSwitch(form.getByTestId('abort-switch'), true);
      await form.getByTestId('abort-percent').fill('20');
      await form.getByTestId('abort-status').fill('555');
      const changedAt = await applyAndConfirm(page, form.getByTestId('apply-fault'));
      const route = (await api.virtualService(NS, 'demoapp')).spec.http?.find((r) => r.name === 'canary');
      expect(route?.fault?.abort).toMatchObject({ httpStatus: 555, percentage: { value: 20 } });
      expect(route?.fault?.delay).toBeUndefined();

      await backToGraphTable(page);
      // error rate of the edge / share of /canary on it = the abort percentage, within sampling noise,
      // over a window that began after the change.
      await waitForFreshWindow(page, changedAt);
      await expect(async () => {
        const rate = await visibleErrorRate(page, PROXY, DEMOAPP);
        expect(rate / canary, `edge error rate ${rate} over /canary share ${canary.toFixed(3)}`).toBeGreaterThan(0.1);
        expect(rate / canary).toBeLessThan(0.32);
      }).toPass(CONVERGE);
      await expect(edgeRow(page, PROXY, DEMOAPP).getByTestId('edge-error-rate')).not.toHaveText('0.0%');
      await expect.poll(() => edgeResponseCodes(page), CONVERGE).toMatch(/555: [\d.]+\/s/);
      await showGraph(page);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-3-abort-on-graph.png'), fullPage: true });
    });

    await test.step('abort off', async () => {
      const form = await openFaultTab(page);
      await expect(form.getByTestId('abort-switch')).toBeChecked();
      await setSwitch(form.getByTestId('abort-switch'), false);
      await expect(form.getByTestId('apply-fault')).toHaveText('Remove fault injection');
      await applyAndConfirm(page, form.getByTestId('apply-fault'));
      expect(
        (await api.virtualService(NS, 'demoapp')).spec.http?.find((r) => r.name === 'canary')?.fault,
      ).toBeUndefined();

      await backToGraphTable(page);
      await expect.poll(() => visibleErrorRate(page, PROXY, DEMOAPP), CONVERGE).toBe(0);
      await expect.poll(() => edgeResponseCodes(page), CONVERGE).not.toContain('555');
    });

    await test.step('delay 20% 3s on', async () => {
      const form = await openFaultTab(page);
      await setSwitch(form.getByTestId('delay-switch'), true);
      await form.getByTestId('delay-percent').fill('20');
      await form.getByTestId('delay-fixed').fill('3s');
      await applyAndConfirm(page, form.getByTestId('apply-fault'));
      const route = (await api.virtualService(NS, 'demoapp')).spec.http?.find((r) => r.name === 'canary');
      expect(route?.fault?.delay).toMatchObject({ fixedDelay: '3s', percentage: { value: 20 } });
      expect(route?.fault?.abort).toBeUndefined();

      await backToGraphTable(page);
      await expect.poll(() => visibleP95(page, DEMOAPP, V11), CONVERGE).toBeGreaterThan(3000);
    });

    await test.step('delay off', async () => {
      const form = await openFaultTab(page);
      await setSwitch(form.getByTestId('delay-switch'), false);
      await applyAndConfirm(page, form.getByTestId('apply-fault'));
      expect(
        (await api.virtualService(NS, 'demoapp')).spec.http?.find((r) => r.name === 'canary')?.fault,
      ).toBeUndefined();

      await backToGraphTable(page);
      await expect.poll(() => visibleP95(page, DEMOAPP, V11), CONVERGE).toBeLessThan(1000);
      expect(
        parsePercent(
          await edgeRow(page, PROXY, DEMOAPP, { mirrored: false }).getByTestId('edge-error-rate').innerText(),
        ),
      ).toBe(0);
    });

    await showGraph(page);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-3-faults-graph.png'), fullPage: true });
  } finally {
    await api.restore(original);
  }
});
