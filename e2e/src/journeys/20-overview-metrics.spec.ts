import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../stack/fixture';
import { applyAndConfirm, openRouteTab, setWeight } from './helpers';

/*
 * Journey 20 (issue 18): the landing page is the mesh overview; from the bookinfo card to the
 * services, to reviews; its metrics over time show reviews all on v1; shifting all weight to v3
 * puts a change marker on the charts and, a step or two later, the v3 rate line above v1's.
 */

const NS = 'bookinfo';
const CONVERGE = { timeout: 60_000, intervals: [1_000, 2_000] };

/** The uPlot legend under a chart: the time the cursor is at, and each version's value there. */
async function readout(chart: Locator): Promise<{ time: string; values: Record<string, string> }> {
  const rows = await chart
    .locator('.u-legend tr.u-series')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector('.u-label')?.textContent ?? '',
        tr.querySelector('.u-value')?.textContent ?? '',
      ]),
    );
  const [[, time = ''] = [], ...versions] = rows;
  return { time, values: Object.fromEntries(versions) };
}

async function latest(page: Page, version: string): Promise<number | null> {
  const legend = page.getByTestId(`metrics-chart-requestRate-legend-${version}`);
  if ((await legend.count()) === 0) return null;
  const v = await legend.getAttribute('data-latest');
  return v === null || v === '' ? null : Number(v);
}

test('overview -> reviews: shift weight to v3, see the marker and the rate lines cross', async ({ page, api }) => {
  const original = await api.virtualService(NS, 'reviews');
  try {
    await page.goto('/');
    await expect(page.getByTestId('overview-page')).toBeVisible();
    const card = page.getByTestId(`overview-card-${NS}`);
    await expect(card).toBeVisible();
    // The demo's bookinfo has traffic: a rate, a health and a sparkline.
    await expect(card.getByTestId('overview-inbound')).toContainText('req/s');
    await expect(card).toHaveAttribute('data-health', /healthy|degraded|failing/);
    await expect(card.getByTestId(`overview-sparkline-${NS}`).locator('polyline').first()).toBeVisible();

    await card.getByTestId('overview-services-link').click();
    await page
      .locator('[data-testid="service-row"][data-name="reviews"]')
      .getByRole('link', { name: 'reviews' })
      .click();
    await expect(page.getByTestId('service-title')).toContainText('reviews');

    const panel = page.getByTestId('metrics-panel');
    await expect(panel.getByTestId('metrics-scope')).toContainText('requests to service reviews.bookinfo');
    // Before: all of reviews' inbound traffic is v1.
    await expect(async () => {
      expect(await latest(page, 'v1')).toBeGreaterThan(0);
      expect((await latest(page, 'v3')) ?? 0).toBe(0);
    }).toPass(CONVERGE);
    const rateChart = panel.getByTestId('metrics-chart-requestRate');
    await expect(rateChart).toHaveAttribute('data-drawing', 'drawn');
    const markersBefore = Number(await rateChart.getAttribute('data-markers'));
    await expect(rateChart).toHaveAttribute('data-markers-drawn', String(markersBefore));

    const route = await openRouteTab(page, 'reviews', 'default', 'tab-shift');
    await setWeight(route, 'v3', 100);
    await expect(
      route.locator('[data-testid="split-row"][data-destination="v1"] [data-testid="weight-input"]'),
    ).toHaveValue('0');
    await applyAndConfirm(page, route.getByTestId('apply-weights'));

    // The write is on the charts as a dashed line (drawn on the canvas), named in the chart's accessible name.
    await expect(rateChart).toHaveAttribute('data-markers-drawn', String(markersBefore + 1), { timeout: 15_000 });
    await expect(rateChart.getByTestId('metrics-chart-requestRate-plot')).toHaveAttribute(
      'aria-label',
      /VirtualService reviews: [^;]*setWeights[^;]*$/,
    );
    // ... and the lines cross: v3 carries what v1 did, v1 drops to nothing.
    await expect(async () => {
      expect(await latest(page, 'v3')).toBeGreaterThan(0);
      expect(await latest(page, 'v1')).toBe(0);
    }).toPass(CONVERGE);

    // Hovering the newest step reads every version's value there: v3 carries the traffic, v1 none.
    const over = rateChart.locator('.u-over');
    await over.scrollIntoViewIfNeeded();
    const box = await over.boundingBox();
    if (!box) throw new Error('the request rate chart has no plot area');
    const versions = (
      await rateChart
        .locator('figcaption [data-testid^="metrics-chart-requestRate-legend-"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')?.replace(/^.*-legend-/, '') ?? ''))
    ).sort();
    expect(versions).toContain('v3');
    await over.hover({ position: { x: box.width - 2, y: box.height / 2 } });
    await expect(async () => {
      const r = await readout(rateChart);
      expect(r.time).toMatch(/^\d\d:\d\d:\d\d$/);
      expect(Object.keys(r.values).sort()).toEqual(versions);
      for (const v of Object.values(r.values)) expect(v).toMatch(/^(\d|–)/);
      expect(Number(r.values.v3)).toBeGreaterThan(0);
      expect(Number(r.values.v1)).toBe(0);
    }).toPass({ timeout: 10_000 });
    // Clicking a version in the legend hides its line (and clicking again shows it).
    const v1Row = rateChart.locator('.u-legend tr.u-series', { hasText: 'v1' });
    await v1Row.locator('th').click();
    await expect(v1Row).toHaveClass(/u-off/);
    await v1Row.locator('th').click();
    await expect(v1Row).not.toHaveClass(/u-off/);
    // Dragging across the chart zooms in on that time span; Reset zoom shows the whole range again.
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const reset = rateChart.getByTestId('metrics-chart-requestRate-reset');
    await expect(reset).toBeVisible();
    await reset.click();
    await expect(reset).toBeHidden();

    // The same numbers as a table, for those who do not read charts, with the change in words.
    await panel.getByTestId('metrics-table-toggle').getByRole('button').click();
    await expect(panel.getByTestId('metrics-table')).toContainText('Request rate (req/s) · v3');
    const markers = panel.getByTestId('metrics-marker');
    await expect(markers).toHaveCount(markersBefore + 1);
    await expect(markers.last()).toContainText('setWeights');
  } finally {
    await api.restore(original);
  }
});

test('graph tools: find by expression, hide by expression, a bad expression is an error that hides nothing', async ({
  page,
}) => {
  await page.goto(`/graph?namespaces=${NS}&window=10s`);
  const canvas = page.getByTestId('graph-canvas');
  await expect(canvas).toBeVisible();

  // Find: every element named reviews gets the halo; the bar says how many.
  const find = page.getByTestId('graph-find-input');
  await find.fill('name = reviews');
  await find.press('Enter');
  await expect(page).toHaveURL(/find=name/);
  await expect(page.getByTestId('graph-find-status')).toHaveText(/^[1-9]\d* found$/);
  await expect(canvas).not.toHaveAttribute('data-found', '0');

  // Hide: the v1 versions go from the table too (the table is the canvas's data).
  const hide = page.getByTestId('graph-hide-input');
  await hide.fill('version = v1');
  await hide.press('Enter');
  await expect(page.getByTestId('graph-hide-status')).toContainText('hidden');
  await page.getByTestId('view-table').click();
  await expect(page.locator('[data-testid="node-row"][data-node-id="app:bookinfo:reviews:v1"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="node-row"][data-node-id="app:bookinfo:reviews:v2"]')).toHaveCount(1);

  // A bad expression says what is wrong and where, and hides nothing.
  await hide.fill('version >');
  await hide.press('Enter');
  await expect(page.getByTestId('graph-hide-error')).toContainText('expected a value after version >');
  await expect(page.locator('[data-testid="node-row"][data-node-id="app:bookinfo:reviews:v1"]')).toHaveCount(1);
});

test('from a graph node to its app page (versions, pods) and a workload page with its pods and metrics', async ({
  page,
  api,
}) => {
  // The store's pods (the demo's: one Running, injected pod per replica), to find on both pages.
  const stored = await api.app(NS, 'reviews');
  expect(stored.versions.map((v) => v.version)).toEqual(['v1', 'v2', 'v3']);
  await page.goto(`/graph?namespaces=${NS}&window=10s&view=table`);
  await page.locator('[data-testid="node-row"][data-node-id="app:bookinfo:reviews:v2"]').getByRole('button').click();
  const panel = page.getByTestId('side-panel');
  await panel.getByTestId('open-app').click();
  await expect(page.getByTestId('app-title')).toContainText('reviews');
  await expect(page.getByTestId('app-version-row')).toHaveCount(3);
  // Pods grouped by version: each group lists exactly the store's pods of that version.
  for (const { version, pods } of stored.versions) {
    const group = page.locator(`[data-testid="app-pods-version"][data-version="${version}"]`);
    await expect(group.getByRole('heading')).toContainText(`Version ${version}: ${pods.length}`);
    const rows = group.getByTestId('pod-row');
    await expect(rows).toHaveCount(pods.length);
    for (const p of pods) {
      await expect(group.locator(`[data-testid="pod-row"][data-pod="${p.name}"]`)).toHaveAttribute(
        'data-version',
        version,
      );
    }
  }
  await page.locator('[data-testid="app-version-row"][data-version="v2"]').getByRole('link').click();
  await expect(page.getByTestId('workload-title')).toContainText('reviews-v2');
  await expect(page.getByTestId('workload-version')).toContainText('version v2');
  // The workload's pods table: the store's v2 pod, Running, all containers ready, with its sidecar.
  const [v2pod] = stored.versions.find((v) => v.version === 'v2')?.pods ?? [];
  expect(v2pod?.name).toMatch(/^reviews-v2-[a-z0-9]{10}-[a-z0-9]{5}$/);
  const pods = page.getByRole('grid', { name: 'Pods of workload reviews-v2' });
  await expect(pods.getByTestId('pod-row')).toHaveCount(1);
  const cells = pods.locator(`[data-testid="pod-row"][data-pod="${v2pod?.name}"] td`);
  await expect(cells).toHaveText([
    v2pod?.name ?? '',
    'v2',
    'Running',
    `${v2pod?.containers}/${v2pod?.containers}`,
    '0',
    'yes',
    v2pod?.node ?? '',
    /^\d+[smhd]$/,
  ]);
  await expect(page.getByTestId('metrics-panel').getByTestId('metrics-scope')).toContainText(
    'requests to workload reviews-v2.bookinfo',
  );
});
