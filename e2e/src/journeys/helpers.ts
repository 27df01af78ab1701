import type { Locator, Page } from '@playwright/test';
import { expect } from '../stack/fixture';

/*
 * What the journeys read off the page. Numbers come from the text the user sees (the table view's
 * "Share" and "Error rate" cells, the side panel's response codes); the rows are found by the
 * data attributes the table puts on them (source/target ids), not by position.
 */

/** Generous: a new split needs one window (10-15 s) plus a scrape and a refresh to show. */
export const CONVERGE = { timeout: 60_000, intervals: [1_000, 2_000] };

export const serviceId = (ns: string, name: string): string => `service:${ns}:${name}`;
export const appId = (ns: string, name: string, version: string): string => `app:${ns}:${name}:${version}`;

/** "49.5%" -> 0.495; "–" -> NaN. */
export function parsePercent(text: string | null): number {
  const m = /(-?\d+(?:\.\d+)?)\s*%/.exec(text ?? '');
  return m ? Number(m[1]) / 100 : Number.NaN;
}

/** "3.21s" -> 3210, "854ms" -> 854, "–" -> NaN. */
export function parseMs(text: string | null): number {
  const t = (text ?? '').trim();
  const s = /^(\d+(?:\.\d+)?)s$/.exec(t);
  if (s) return Number(s[1]) * 1000;
  const ms = /^(\d+(?:\.\d+)?)ms$/.exec(t);
  return ms ? Number(ms[1]) : Number.NaN;
}

export function edgeRow(page: Page, source: string, target: string, opts: { mirrored?: boolean } = {}): Locator {
  const mirrored = opts.mirrored === undefined ? '' : `[data-mirrored="${opts.mirrored}"]`;
  return page.locator(`[data-testid="edge-row"][data-source-id="${source}"][data-target-id="${target}"]${mirrored}`);
}

/** The share the table shows for source -> target, or NaN while the edge is absent. */
export async function visibleShare(page: Page, source: string, target: string): Promise<number> {
  const row = edgeRow(page, source, target, { mirrored: false });
  if ((await row.count()) === 0) return 0;
  return parsePercent(await row.getByTestId('edge-share').innerText());
}

export async function visibleErrorRate(page: Page, source: string, target: string): Promise<number> {
  const row = edgeRow(page, source, target, { mirrored: false });
  if ((await row.count()) === 0) return Number.NaN;
  return parsePercent(await row.getByTestId('edge-error-rate').innerText());
}

export async function visibleP95(page: Page, source: string, target: string): Promise<number> {
  const row = edgeRow(page, source, target, { mirrored: false });
  if ((await row.count()) === 0) return Number.NaN;
  return parseMs(await row.getByTestId('edge-p95').innerText());
}

/** Switches the graph page to its table view (the accessible view of the same graph). */
export async function showTable(page: Page): Promise<void> {
  await page.getByTestId('view-table').click();
  await expect(page.getByTestId('edges-table')).toBeVisible();
}

export async function showGraph(page: Page): Promise<void> {
  await page.getByTestId('view-graph').click();
  await expect(page.getByTestId('graph-canvas')).toBeVisible();
}

/** The graph window the journeys use (the `window` URL parameter). */
export const WINDOW_MS = 10_000;

/**
 * Waits until a whole graph window has passed since `since` (plus two scrapes and a refresh), so
 * what the page shows next was routed entirely by the new config and not a blend of old and new.
 */
export async function waitForFreshWindow(page: Page, since: number): Promise<void> {
  const wait = since + WINDOW_MS + 3_000 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
}

/**
 * Polls until the table's share for each target of `source` is within `tol` of the wanted
 * fraction. With `since` (when the config changed), only windows entirely after it count.
 */
export async function expectShares(
  page: Page,
  source: string,
  wanted: Record<string, number>,
  opts: { tol?: number; since?: number } = {},
): Promise<void> {
  const tol = opts.tol ?? 0.07;
  if (opts.since !== undefined) await waitForFreshWindow(page, opts.since);
  await expect(async () => {
    const seen: Record<string, number> = {};
    for (const target of Object.keys(wanted)) seen[target] = await visibleShare(page, source, target);
    const off = Object.entries(wanted).filter(([t, w]) => !(Math.abs((seen[t] ?? Number.NaN) - w) <= tol));
    expect(
      off,
      `table shares from ${source}: ${JSON.stringify(seen)}, wanted ${JSON.stringify(wanted)} ±${tol}`,
    ).toEqual([]);
  }).toPass(CONVERGE);
}

/** Opens the traffic route card `slug` on the service page and selects one of its tabs. */
export async function openRouteTab(
  page: Page,
  vsName: string,
  slug: string,
  tab: 'tab-shift' | 'tab-fault' | 'tab-mirror' | 'tab-resilience',
): Promise<Locator> {
  const card = page.locator(
    `[data-testid="virtual-service-card"][data-name="${vsName}"] [data-testid="route-card"][data-route="${slug}"]`,
  );
  await expect(card).toBeVisible();
  await card.getByTestId(tab).click();
  return card;
}

/** Sets one destination's weight with its number input (linked sliders rebalance the others). */
export async function setWeight(card: Locator, destination: string, weight: number): Promise<void> {
  const input = card.locator(
    `[data-testid="split-row"][data-destination="${destination}"] [data-testid="weight-input"]`,
  );
  await input.fill(String(weight));
  await expect(input).toHaveValue(String(weight));
}

/** Waits for the success toast of a write, then dismisses every success toast (so the next write's is not confused with it). */
export async function expectWriteToast(page: Page, text: RegExp | string = /Updated VirtualService/): Promise<void> {
  const toasts = page.getByTestId('toast-success');
  await expect(toasts.filter({ hasText: text }).first()).toBeVisible({ timeout: 15_000 });
  for (const close of await toasts.getByRole('button', { name: /close/i }).all())
    await close.click().catch(() => undefined);
  await expect(toasts).toHaveCount(0);
}

/** Clicks Apply and waits for the write's success toast; returns when the write was seen (ms epoch). */
export async function applyAndConfirm(
  page: Page,
  apply: Locator,
  toast: RegExp | string = /Updated VirtualService/,
): Promise<number> {
  await apply.click();
  await expectWriteToast(page, toast);
  return Date.now();
}

/** Turns a PatternFly switch on or off by clicking its label (the styled toggle covers the input). */
export async function setSwitch(input: Locator, on: boolean): Promise<void> {
  if ((await input.isChecked()) !== on) await input.locator('xpath=ancestor::label[1]').click();
  if (on) await expect(input).toBeChecked();
  else await expect(input).not.toBeChecked();
}

/** "v1 80% · v2 20%" (a scope split as the table shows it) -> { v1: 0.8, v2: 0.2 }. */
export function parseSplitText(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/([\w.-]+) (\d+(?:\.\d+)?)%/g)) out[m[1]!] = Number(m[2]) / 100;
  return out;
}

/**
 * Polls until the graph table's "Version split by scope" of a service node shows, for each scope
 * ("mesh", or "gateway ns/name"), each version's share within `tol` of the wanted fraction.
 */
export async function expectScopeSplits(
  page: Page,
  serviceNodeId: string,
  wanted: Record<string, Record<string, number>>,
  opts: { tol?: number; since?: number } = {},
): Promise<void> {
  const tol = opts.tol ?? 0.07;
  if (opts.since !== undefined) await waitForFreshWindow(page, opts.since);
  const items = page.locator(`[data-testid="node-row"][data-node-id="${serviceNodeId}"] [data-testid="scope-split"]`);
  await expect(async () => {
    const seen: Record<string, Record<string, number>> = {};
    for (const item of await items.all()) {
      const text = await item.innerText();
      const scope = /^(mesh|gateway(?: \S+)?)/.exec(text)?.[1] ?? text;
      seen[scope] = parseSplitText(text.slice(text.indexOf(':') + 1));
    }
    const off = Object.entries(wanted).flatMap(([scope, shares]) =>
      Object.entries(shares).filter(([v, w]) => !(Math.abs((seen[scope]?.[v] ?? 0) - w) <= tol)),
    );
    expect(
      off,
      `scope splits of ${serviceNodeId}: ${JSON.stringify(seen)}, wanted ${JSON.stringify(wanted)} ±${tol}`,
    ).toEqual([]);
  }).toPass(CONVERGE);
}

/** The text in the CodeMirror YAML editor (`yaml-input` is its content element; one `.cm-line` per line). */
export async function editorText(input: Locator): Promise<string> {
  type Lines = { querySelectorAll: (selector: string) => ArrayLike<{ textContent: string | null }> };
  return input.evaluate((el) =>
    Array.from((el as unknown as Lines).querySelectorAll('.cm-line'), (line) => line.textContent ?? '').join('\n'),
  );
}

/**
 * Replaces the YAML editor's text as a user pasting it does: select all, paste. CodeMirror takes the
 * paste event itself. (Playwright's fill() runs the browser's insertText command over the styled lines,
 * and Chromium's editing engine writes style attributes that the CSP blocks before CodeMirror redraws.)
 */
export async function pasteIntoEditor(input: Locator, text: string): Promise<void> {
  await input.page().context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.page().evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
  await input.press('ControlOrMeta+v');
}
