import { expect, test } from '../stack/fixture';
import { CONVERGE, serviceId, showGraph } from './helpers';
import { openGraphTable } from './helpers-nav';

/*
 * Journey 8: Prometheus goes away mid-session. The graph keeps its topology (nodes come from config)
 * under a banner that says traffic is stale, the masthead's metrics light turns red, and nothing
 * crashes. Prometheus comes back (a fresh one behind the same URL): the banner goes and live
 * traffic returns, without reloading the page.
 */

test('Prometheus stopped mid-session: banner, topology kept; restarted: recovers without a reload', async ({
  page,
  stack,
}) => {
  try {
    await openGraphTable(page, 'bookinfo');
    const reviewsRow = page.locator(`[data-testid="node-row"][data-node-id="${serviceId('bookinfo', 'reviews')}"]`);
    await expect(reviewsRow).toHaveCount(1);
    await expect(page.getByTestId('metrics-error')).toHaveCount(0);
    await expect(page.getByTestId('graph-page')).toHaveAttribute('data-stale', 'false');
    await expect(page.getByTestId('health-metrics')).toContainText('prometheus');
    const nodeIds = (
      await page.getByTestId('node-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-node-id')))
    ).sort();
    expect(nodeIds.length).toBeGreaterThan(5);
    // A mark in this document: if the page reloaded, it would be gone.
    await page.evaluate(() => ((globalThis as unknown as { e2eMark?: string }).e2eMark = 'same-document'));

    await stack.prometheus.stop();

    const banner = page.getByTestId('metrics-error');
    await expect(banner).toBeVisible({ timeout: CONVERGE.timeout });
    await expect(banner).toContainText('Metrics unavailable');
    await expect(page.getByTestId('graph-page')).toHaveAttribute('data-stale', 'true');
    // Same nodes as before: the topology stays.
    expect(
      (
        await page.getByTestId('node-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-node-id')))
      ).sort(),
    ).toEqual(nodeIds);
    await expect(page.getByTestId('health-metrics')).toHaveClass(/pf-m-red/, { timeout: CONVERGE.timeout });
    // The canvas still draws it too, greyed as stale, and its text equivalent says so.
    await showGraph(page);
    await expect(page.getByTestId('graph-canvas')).toHaveAttribute(
      'aria-label',
      new RegExp(`: ${nodeIds.length} nodes, .*traffic data is stale`),
    );
    await expect(page.locator('.sluice-graph-wrap.is-stale')).toBeVisible();
    await expect(banner).toBeVisible();

    await stack.prometheus.start();

    await expect(banner).toHaveCount(0, { timeout: CONVERGE.timeout });
    await expect(page.getByTestId('graph-page')).toHaveAttribute('data-stale', 'false');
    await expect(page.getByTestId('health-metrics')).toHaveClass(/pf-m-green/, { timeout: CONVERGE.timeout });
    await page.getByTestId('view-table').click();
    // Live traffic again: the reviews edges carry requests.
    await expect
      .poll(
        async () =>
          Number(
            await page
              .locator(`[data-testid="edge-row"][data-source-id="${serviceId('bookinfo', 'reviews')}"]`)
              .first()
              .getAttribute('data-rps'),
          ),
        CONVERGE,
      )
      .toBeGreaterThan(0);
    expect(await page.evaluate(() => (globalThis as unknown as { e2eMark?: string }).e2eMark)).toBe('same-document');
  } finally {
    if (!stack.prometheus.isRunning()) await stack.prometheus.start();
  }
});
