import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { demoappProfile } from '@sluice/mesh-sim';
import { expect, test } from '../stack/fixture';
import {
  appId,
  CONVERGE,
  edgeRow,
  editorText,
  expectShares,
  expectWriteToast,
  pasteIntoEditor,
  serviceId,
} from './helpers';
import { backToGraphTable, manageTrafficFromGraph, openGraphTable, SCREENSHOT_DIR } from './helpers-nav';

/*
 * Journey 18, VirtualService advanced (seed 003) with forms only: starting from demoapp's
 * VirtualService, the operator removes the /canary rewrite and /backend redirect routes, then builds
 * them again from the route cards - rewrite /canary -> / to v1.1, redirect /backend to backend:8082 -
 * and adds the seed's x-canary route with its header operations (set User-Agent on the request to
 * v1.1, add x-canary to the response). Every step is checked in the stored object; the traffic is
 * checked where the simulator shows it: the share of demoapp requests reaching v1.1, and the 301s
 * the proxy's sidecar answers for /backend. Last, a request header set on the gateway's proxy route
 * (x-canary: true) is matched by demoapp's x-canary route one hop later (proxy forwards headers), so
 * all gateway traffic moves to v1.1.
 */

const NS = 'demoapp';
const PROXY = appId(NS, 'proxy', 'v0.1.1');
const DEMOAPP = serviceId(NS, 'demoapp');
const V10 = appId(NS, 'demoapp', 'v1.0');
const V11 = appId(NS, 'demoapp', 'v1.1');

/** Shares of the profile's request mix (both generators send the same mix). */
const mix = (test: (k: { path?: string | undefined; headers?: Record<string, string> | undefined }) => boolean) => {
  const kinds = demoappProfile.generators[0]?.mix ?? [];
  const total = kinds.reduce((a, k) => a + k.weight, 0);
  return kinds.filter(test).reduce((a, k) => a + k.weight, 0) / total;
};
const CANARY = mix((k) => k.path === '/canary');
const BACKEND = mix((k) => k.path === '/backend');
const XCANARY = mix((k) => k.headers?.['x-canary'] === 'true');

/** Share of all requests that enter through the gateway (the rest come from the in-mesh client). */
const GATEWAY_SHARE = (() => {
  const rps = (kind: string) =>
    demoappProfile.generators.filter((g) => g.entry.kind === kind).reduce((a, g) => a + g.rps, 0);
  return rps('gateway') / (rps('gateway') + rps('mesh'));
})();

const vsCard = (page: Page, vs = 'demoapp') => page.locator(`[data-testid="virtual-service-card"][data-name="${vs}"]`);
const routeCard = (page: Page, slug: string, vs = 'demoapp') =>
  vsCard(page, vs).locator(`[data-testid="route-card"][data-route="${slug}"]`);

async function removeRoute(page: Page, slug: string) {
  const button = routeCard(page, slug).getByTestId('remove-route');
  await button.click();
  await expect(button).toHaveText(`Remove "${slug}"?`);
  await button.click();
  await expectWriteToast(page, `http route "${slug}" removed`);
  await expect(routeCard(page, slug)).toHaveCount(0);
}

/** Opens "Add a route" and fills name and the first condition of the first match block. */
async function startRoute(
  page: Page,
  name: string,
  condition: { field: string; name?: string; kind: string; value: string },
) {
  const section = vsCard(page).getByTestId('add-route-toggle');
  const form = section.getByTestId('add-route-form');
  if (!(await form.isVisible())) await section.getByRole('button', { name: /Add a route/ }).click();
  await expect(form).toBeVisible();
  await form.getByTestId('new-route-name').fill(name);
  const row = form.getByTestId('match-condition').first();
  await row.getByTestId('condition-field').selectOption(condition.field);
  if (condition.name) await row.getByTestId('condition-name').fill(condition.name);
  await row.getByTestId('condition-kind').selectOption(condition.kind);
  await row.getByTestId('condition-value').fill(condition.value);
  return form;
}

/** The preview shows the diff of what Apply writes; Apply waits for it, then the toast. */
async function applyWithDiff(page: Page, form: Locator, testId: string, diff: RegExp) {
  const preview = form.getByTestId('edit-preview');
  await expect(preview).toHaveAttribute('data-state', 'current', { timeout: 15_000 });
  await expect(preview).toContainText(diff);
  await form.getByTestId(testId).click();
  await expectWriteToast(page);
  return Date.now();
}

async function edgeCodes(page: Page): Promise<string> {
  await edgeRow(page, PROXY, DEMOAPP, { mirrored: false }).getByTestId('edge-target').getByRole('button').click();
  const panel = page.getByTestId('side-panel');
  await expect(panel).toBeVisible();
  return panel.innerText();
}

test('seed 003 with forms only: rewrite /canary, redirect /backend, x-canary with header operations', async ({
  page,
  api,
}) => {
  const original = await api.virtualService(NS, 'demoapp');
  const originalProxy = await api.virtualService(NS, 'proxy');
  const stored = async () => (await api.virtualService(NS, 'demoapp')).spec.http ?? [];
  try {
    await openGraphTable(page, NS);
    await manageTrafficFromGraph(page, NS, 'demoapp');

    await test.step('the route cards say what each route does, in order', async () => {
      await expect(routeCard(page, 'canary').getByTestId('route-words')).toHaveText(
        'requests where path starts with "/canary" → rewrite path prefix "/canary" to "/" → send 100% to demoapp v11',
      );
      await expect(routeCard(page, 'redirect').getByTestId('route-words')).toContainText(
        'answer 301 redirect to backend:8082/',
      );
      await expect(routeCard(page, 'redirect').getByTestId('route-badge').filter({ hasText: '8082' })).toHaveCount(1);
      await expect(routeCard(page, 'default').getByTestId('route-order')).toHaveText('#3 of 3');
    });

    await test.step('remove the rewrite and redirect routes: everything takes the 90/10 default', async () => {
      await removeRoute(page, 'canary');
      await removeRoute(page, 'redirect');
      expect((await stored()).map((r) => r.name)).toEqual(['default']);
      const changedAt = Date.now();
      await backToGraphTable(page);
      await expectShares(page, DEMOAPP, { [V10]: 0.9, [V11]: 0.1 }, { since: changedAt });
      await manageTrafficFromGraph(page, NS, 'demoapp');
    });

    await test.step('rewrite /canary -> / to v1.1', async () => {
      const form = await startRoute(page, 'canary', { field: 'uri', kind: 'prefix', value: '/canary' });
      await form.getByTestId('new-route-subset').selectOption('v11');
      await form.getByTestId('new-route-rewrite').fill('/');
      await applyWithDiff(page, form, 'apply-add-route', /\+\s+- name: canary/);
      const canary = (await stored())[0];
      expect(canary).toEqual({
        name: 'canary',
        match: [{ uri: { prefix: '/canary' } }],
        route: [{ destination: { host: 'demoapp', subset: 'v11' }, weight: 100 }],
        rewrite: { uri: '/' },
      });
    });

    await test.step('redirect /backend to backend:8082', async () => {
      const form = await startRoute(page, 'redirect', { field: 'uri', kind: 'prefix', value: '/backend' });
      await form.getByTestId('new-route-action').selectOption('redirect');
      await form.getByTestId('redirect-uri').fill('/');
      await form.getByTestId('redirect-authority').fill('backend');
      await form.getByTestId('redirect-port').fill('8082');
      await applyWithDiff(page, form, 'apply-add-route', /\+\s+port: 8082/);
      expect((await stored()).map((r) => r.name)).toEqual(['canary', 'redirect', 'default']);
      expect((await stored())[1]).toEqual({
        name: 'redirect',
        match: [{ uri: { prefix: '/backend' } }],
        redirect: { uri: '/', authority: 'backend', port: 8082 },
      });
      await expect(routeCard(page, 'redirect').getByTestId('route-words')).toContainText('backend:8082/');
    });

    await test.step('x-canary: true -> v1.1, with request and response header operations', async () => {
      const form = await startRoute(page, 'x-canary', {
        field: 'header',
        name: 'x-canary',
        kind: 'exact',
        value: 'true',
      });
      await form.getByTestId('new-route-subset').selectOption('v11');
      await applyWithDiff(page, form, 'apply-add-route', /\+\s+x-canary:/);
      const card = routeCard(page, 'x-canary');
      await card.getByTestId('tab-headers').click();
      const headers = card.getByTestId('headers-form');
      await headers.getByTestId('headers-scope').selectOption('0');
      await headers.getByTestId('add-header-op').click();
      await headers.getByTestId('add-header-op').click();
      const rows = headers.getByTestId('header-row');
      await rows.nth(0).getByTestId('header-name').fill('User-Agent');
      await rows.nth(0).getByTestId('header-value').fill('Chrome');
      await rows.nth(1).getByTestId('header-side').selectOption('response');
      await rows.nth(1).getByTestId('header-op').selectOption('add');
      await rows.nth(1).getByTestId('header-name').fill('x-canary');
      await rows.nth(1).getByTestId('header-value').fill('true');
      await applyWithDiff(page, headers, 'apply-headers', /\+\s+User-Agent: Chrome/);
      const route = (await stored()).find((r) => r.name === 'x-canary');
      expect(route).toEqual({
        name: 'x-canary',
        match: [{ headers: { 'x-canary': { exact: 'true' } } }],
        route: [
          {
            destination: { host: 'demoapp', subset: 'v11' },
            weight: 100,
            headers: { request: { set: { 'User-Agent': 'Chrome' } }, response: { add: { 'x-canary': 'true' } } },
          },
        ],
      });
      await expect(card.getByTestId('route-badge').filter({ hasText: 'v11: request set User-Agent' })).toHaveCount(1);
      await expect(card.getByTestId('route-badge').filter({ hasText: 'v11: response add x-canary' })).toHaveCount(1);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-18-route-cards.png'), fullPage: true });
    });

    await test.step('traffic: /canary and x-canary reach v1.1, /backend is answered 301 by the proxy', async () => {
      const changedAt = Date.now();
      await backToGraphTable(page);
      // Of the requests that reach a version (redirects do not): /canary and x-canary all to v1.1, the rest 90/10.
      const reaching = 1 - BACKEND;
      const v11 = (CANARY + XCANARY + (1 - CANARY - XCANARY - BACKEND) * 0.1) / reaching;
      await expectShares(page, DEMOAPP, { [V10]: 1 - v11, [V11]: v11 }, { since: changedAt });
      await expect.poll(() => edgeCodes(page), CONVERGE).toMatch(/301: [\d.]+\/s/);
    });

    await test.step('a request header set at the gateway is matched one hop later: gateway traffic goes to v1.1', async () => {
      await manageTrafficFromGraph(page, NS, 'proxy');
      const card = routeCard(page, 'default', 'proxy');
      await card.getByTestId('tab-headers').click();
      const headers = card.getByTestId('headers-form');
      await headers.getByTestId('add-header-op').click();
      const row = headers.getByTestId('header-row').first();
      await row.getByTestId('header-name').fill('x-canary');
      await row.getByTestId('header-value').fill('true');
      const changedAt = await applyWithDiff(page, headers, 'apply-headers', /\+\s+x-canary: "true"/);
      expect((await api.virtualService(NS, 'proxy')).spec.http?.[0]?.headers).toEqual({
        request: { set: { 'x-canary': 'true' } },
      });
      await expect(card.getByTestId('route-words')).toContainText('set request header x-canary: true');
      await backToGraphTable(page);
      // proxy forwards headers: every gateway request that reaches demoapp now takes the x-canary route.
      const meshV11 = CANARY + XCANARY + (1 - CANARY - XCANARY - BACKEND) * 0.1;
      const v11 = (GATEWAY_SHARE * (1 - BACKEND) + (1 - GATEWAY_SHARE) * meshV11) / (1 - BACKEND);
      await expectShares(page, DEMOAPP, { [V10]: 1 - v11, [V11]: v11 }, { since: changedAt });
    });
  } finally {
    await api.restore(original);
    await api.restore(originalProxy);
  }
});

test('the YAML editor marks a bad duration at its line and shows the diff before saving', async ({ page, api }) => {
  const original = await api.virtualService(NS, 'proxy');
  try {
    await page.goto(`/namespaces/${NS}/istio/virtualservices/proxy?namespaces=${NS}&tab=edit`);
    const input = page.getByTestId('yaml-input');
    await expect(input).toBeVisible();
    const text = await editorText(input);
    expect(text).toContain('timeout: 1s');
    const save = page.getByTestId('save-yaml');

    await test.step('timeout "soon": an inline marker in the lint gutter, at the timeout line; Save disabled', async () => {
      await pasteIntoEditor(input, text.replace(/timeout: 1s$/m, 'timeout: soon'));
      const range = page.locator('.cm-lintRange-error');
      await expect(range).toHaveCount(1);
      await expect(range).toHaveText('timeout');
      await expect(page.locator('.cm-gutter-lint .cm-lint-marker-error')).toHaveCount(1);
      const line = (await editorText(input)).split('\n').findIndex((l) => l.includes('timeout: soon')) + 1;
      await expect(page.getByTestId('local-findings')).toContainText(`line ${line}: spec.http[0].timeout`);
      await expect(save).toBeDisabled();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'journey-18-yaml-marker.png') });
    });

    await test.step('timeout 2s: the marker goes, the diff shows what Save writes, Save stores it', async () => {
      await pasteIntoEditor(input, text.replace(/timeout: 1s$/m, 'timeout: 2s'));
      await expect(page.locator('.cm-lintRange-error')).toHaveCount(0);
      const preview = page.getByTestId('yaml-save-preview');
      await expect(preview).toContainText('- timeout: 1s');
      await expect(preview).toContainText('+ timeout: 2s');
      await save.click();
      await expectWriteToast(page, /Saved VirtualService/);
      expect((await api.virtualService(NS, 'proxy')).spec.http?.[0]?.timeout).toBe('2s');
    });
  } finally {
    await api.restore(original);
  }
});
