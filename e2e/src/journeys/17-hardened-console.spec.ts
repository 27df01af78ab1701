import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../stack/fixture';
import { openGraphTable } from './helpers-nav';

/*
 * Journey 17 (issue 14): the console under its security headers. Every page a user visits - the graph
 * (canvas and table), a service's traffic page, its rollout page, the config list, an object's YAML
 * and its editor - works under the strict CSP: the fixture fails the journey on any CSP violation
 * the browser reports. Then what the headers are for: another site cannot frame the console, and a
 * DNS-rebound name (attacker.example resolving to 127.0.0.1, as a rebinding attack arranges) gets a
 * 403 instead of the console.
 */

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'];

test('every page works under the CSP; the console cannot be framed or reached through a rebound name', async ({
  page,
  stack,
  playwright,
}) => {
  const doc = await page.goto('/graph?namespaces=bookinfo&window=10s');
  const headers = doc?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).not.toContain('unsafe');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('no-referrer');
  await expect(page.getByTestId('graph-canvas')).toBeVisible();
  await expect(page.locator('[data-testid="graph-canvas"] canvas').first()).toBeVisible();

  await openGraphTable(page, 'bookinfo');
  await expect(page.locator('[data-testid="edge-row"]').first()).toBeVisible();

  await page.goto('/namespaces/bookinfo/services/reviews');
  await expect(page.getByTestId('service-title')).toContainText('reviews');
  await page.goto('/namespaces/bookinfo/services/reviews/rollout');
  await expect(page.getByTestId('rollout-title')).toBeVisible();
  await page.goto('/istio');
  await expect(page.getByTestId('config-row').first()).toBeVisible();
  await page.goto('/namespaces/bookinfo/istio/virtualservices/reviews');
  await expect(page.getByTestId('yaml-view')).toContainText('kind: VirtualService');
  await page.getByRole('tab', { name: 'Edit YAML' }).click();
  await expect(page.getByTestId('yaml-input')).toBeVisible();

  // A page of another origin (its own server on another port) framing the console: the browser refuses
  // (it says so on that page's console) and the frame never holds the console. (Its own page, not `page`: the refusal is a CSP report by design.)
  const framer = createServer((_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<iframe src="${stack.url}/graph" width="800" height="600"></iframe>`),
  );
  await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
  const other = await page.context().newPage();
  const refusals: string[] = [];
  other.on('console', (msg) => {
    if (/frame-ancestors/.test(msg.text())) refusals.push(msg.text());
  });
  try {
    await other.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
    await expect.poll(() => refusals.length).toBeGreaterThan(0);
    const frameUrls = other
      .frames()
      .filter((f) => f !== other.mainFrame())
      .map((f) => f.url());
    expect(frameUrls.some((u) => u.startsWith(stack.url))).toBe(false);
  } finally {
    await other.close();
    await new Promise((resolve) => framer.close(resolve));
  }

  // DNS rebinding: a name the attacker controls now resolves to the console's address.
  const { port } = new URL(stack.url);
  const rebound = await playwright.chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP attacker.example 127.0.0.1'],
  });
  try {
    const attacker = await rebound.newPage();
    const res = await attacker.goto(`http://attacker.example:${port}/api/namespaces`);
    expect(res?.status()).toBe(403);
    expect(await res?.text()).toContain('attacker.example');
    const app = await attacker.goto(`http://attacker.example:${port}/graph`);
    expect(app?.status()).toBe(403);
  } finally {
    await rebound.close();
  }
});
