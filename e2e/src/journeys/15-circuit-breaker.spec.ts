import { HEALTHY } from '@sluice/model';
import { expect, test } from '../stack/fixture';
import { appId, applyAndConfirm, CONVERGE, edgeRow, serviceId, visibleErrorRate, waitForFreshWindow } from './helpers';
import { backToGraphTable, manageTrafficFromGraph, openGraphTable } from './helpers-nav';

/*
 * Journey 15, circuit breaking (seed 002's "熔断"): reviews v1, where bookinfo sends everyone but
 * jason, answers in 1 s (the demo health control). In the browser the operator sets the "Trip fast"
 * circuit breaker on reviews (one request in flight); the graph badges reviews and the edge from
 * productpage turns red with 503s the proxy itself answers (flag UO). Clearing it in the browser
 * brings the edge back to no errors.
 */

const NS = 'bookinfo';
const REVIEWS = serviceId(NS, 'reviews');
const PRODUCTPAGE = appId(NS, 'productpage', 'v1');

test('set a circuit breaker on reviews in the browser: 503 UO appear on the edge; clear it: they go', async ({
  page,
  api,
}) => {
  const original = await api.destinationRule(NS, 'reviews');
  expect(original.spec.trafficPolicy).toBeUndefined();
  await api.setVersionHealth(NS, 'reviews', 'v1', { errorRate: 0, extraLatencyMs: 1000 });
  try {
    await openGraphTable(page, NS);
    const edge = edgeRow(page, PRODUCTPAGE, REVIEWS, { mirrored: false });
    await expect(edge).toHaveCount(1, { timeout: CONVERGE.timeout });
    // Slow is not failing: before the breaker, no errors on the edge.
    await expect.poll(() => visibleErrorRate(page, PRODUCTPAGE, REVIEWS), CONVERGE).toBeLessThan(0.01);

    await manageTrafficFromGraph(page, NS, 'reviews');
    const card = page.getByTestId('destination-policy-card');
    await expect(card).toContainText('DestinationRule reviews');
    const form = card.getByTestId('circuit-breaker-form');
    await form.getByTestId('breaker-preset-trip-fast').click();
    await expect(form.getByLabel('Max requests in flight')).toHaveValue('1');
    await expect(form.getByTestId('edit-preview')).toContainText('http2MaxRequests: 1');
    const setAt = await applyAndConfirm(page, form.getByTestId('apply-circuit-breaker'), /Updated DestinationRule/);
    const stored = await api.destinationRule(NS, 'reviews');
    expect(stored.spec.trafficPolicy).toMatchObject({
      connectionPool: { http: { http2MaxRequests: 1 } },
      outlierDetection: { consecutive5xxErrors: 1 },
    });
    await expect(card.getByTestId('circuit-breaker-label')).toBeVisible();

    await backToGraphTable(page);
    const reviewsRow = page.locator(`[data-testid="node-row"][data-node-id="${REVIEWS}"]`);
    await expect(reviewsRow.locator('[data-badge="circuitBreaker"]')).toHaveCount(1, { timeout: CONVERGE.timeout });
    await waitForFreshWindow(page, setAt);
    // One slot, ~9 requests/s of 1 s each: most requests are refused (Erlang B(1, 9) = 0.9).
    await expect.poll(() => visibleErrorRate(page, PRODUCTPAGE, REVIEWS), CONVERGE).toBeGreaterThan(0.5);
    await edge.getByTestId('edge-target').getByRole('button').click();
    const flags = page.getByTestId('side-panel').getByTestId('panel-edge-flags');
    await expect(flags.locator('[data-flag="UO"]')).toContainText('refused by the circuit breaker');
    const edges = await api.graphEdges(NS, '10s');
    const stats = edges.find((e) => e.source === PRODUCTPAGE && e.target === REVIEWS);
    expect(stats?.responseFlags?.UO ?? 0).toBeGreaterThan(0);
    expect(stats?.responses['503'] ?? 0).toBeGreaterThanOrEqual(stats?.responseFlags?.UO ?? 0);

    await manageTrafficFromGraph(page, NS, 'reviews');
    const again = page.getByTestId('destination-policy-card').getByTestId('circuit-breaker-form');
    await expect(again.getByLabel('Max requests in flight')).toHaveValue('1');
    await again.getByTestId('breaker-preset-off').click();
    await expect(again.getByTestId('apply-circuit-breaker')).toHaveText('Remove circuit breaker');
    const clearedAt = await applyAndConfirm(
      page,
      again.getByTestId('apply-circuit-breaker'),
      /Updated DestinationRule/,
    );
    expect((await api.destinationRule(NS, 'reviews')).spec.trafficPolicy).toBeUndefined();

    await backToGraphTable(page);
    await expect(reviewsRow.locator('[data-badge="circuitBreaker"]')).toHaveCount(0, { timeout: CONVERGE.timeout });
    await waitForFreshWindow(page, clearedAt);
    await expect.poll(() => visibleErrorRate(page, PRODUCTPAGE, REVIEWS), CONVERGE).toBeLessThan(0.01);
  } finally {
    await api.setVersionHealth(NS, 'reviews', 'v1', HEALTHY);
    await api.restoreDestinationRule(original);
  }
});
