import type { KubeHTTPRoute } from '@sluice/model';
import { expect, test } from '../stack/fixture';
import { appId, applyAndConfirm, expectShares, parsePercent, serviceId } from './helpers';
import { backToGraphTable, manageTrafficFromGraph, openGraphTable } from './helpers-nav';

/*
 * Journey 19, Kubernetes Gateway API (issue 17): ingress to echo.example.com enters by the Gateway
 * API Gateway echo-gateway (its own deployment, echo-gateway-istio) and HTTPRoute echo splits it
 * between the Services echo-v1 and echo-v2. From the graph to echo-v1's page, the HTTPRoute's weight
 * form goes 90/10 -> 50/50 -> 0/100, each step stored and seen on the gateway's edges; the in-mesh
 * client, routed by the GAMMA route echo-mesh, stays on echo-v1 throughout. Before the 50/50 Apply,
 * "Preview on graph" shows the gateway's expected 50/50 beside the observed 90/10 (issue 20).
 */

const NS = 'gateway-api';
const GATEWAY = `ingress:${NS}:echo-gateway-istio`;
const CLIENT = appId(NS, 'sleep', 'v1');
const V1 = serviceId(NS, 'echo-v1');
const V2 = serviceId(NS, 'echo-v2');
const weightsOf = (r: KubeHTTPRoute) =>
  Object.fromEntries((r.spec.rules?.[0]?.backendRefs ?? []).map((b) => [b.name, b.weight]));

test('gateway-api: HTTPRoute echo from 90/10 to 50/50 to 0/100 in the browser, seen in the graph', async ({
  page,
  api,
}) => {
  const original = await api.httpRoute(NS, 'echo');
  expect(weightsOf(original)).toEqual({ 'echo-v1': 90, 'echo-v2': 10 });
  try {
    await openGraphTable(page, NS);
    await expectShares(page, GATEWAY, { [V1]: 0.9, [V2]: 0.1 });
    await expectShares(page, CLIENT, { [V1]: 1 });

    await manageTrafficFromGraph(page, NS, 'echo-v1');
    const card = page.locator('[data-testid="gateway-route-card"][data-name="echo"]');
    await expect(card).toContainText('Gateway gateway-api/echo-gateway');
    await expect(page.locator('[data-testid="gateway-route-card"][data-name="echo-mesh"]')).toContainText(
      'mesh (GAMMA)',
    );
    const form = card.getByTestId('backend-weights-form');
    await form.getByTestId('preset-50-50').click();
    await expect(form.getByTestId('split-total')).toContainText('Total 100%');
    // The dry-run diff shows what Apply writes before anything is stored.
    await expect(form.getByRole('region', { name: 'YAML diff of this change' })).toContainText('weight: 50');
    await test.step('preview on graph: the gateway expected to send half to each backend, nothing written', async () => {
      await form.getByTestId('preview-on-graph').click();
      await expect(page.getByTestId('graph-preview')).toBeVisible();
      const row = (target: string) =>
        page.locator(`[data-testid="preview-edge-row"][data-source-id="${GATEWAY}"][data-target-id="${target}"]`);
      await expect(row(V1).getByTestId('expected-share')).toHaveText(/^50(\.0+)?\s?%$/);
      await expect(row(V2).getByTestId('expected-share')).toHaveText(/^50(\.0+)?\s?%$/);
      expect(parsePercent(await row(V1).getByTestId('now-share').innerText())).toBeGreaterThan(0.8);
      await expect(page.getByTestId('preview-not-modelled')).toHaveCount(0);
      expect(weightsOf(await api.httpRoute(NS, 'echo'))).toEqual({ 'echo-v1': 90, 'echo-v2': 10 });
      await page.getByTestId('preview-back').click();
      await form.getByTestId('preset-50-50').click();
      await expect(form.getByRole('region', { name: 'YAML diff of this change' })).toContainText('weight: 50');
    });
    const fiftyAt = await applyAndConfirm(page, form.getByTestId('apply-weights'), /Updated HTTPRoute/);
    expect(weightsOf(await api.httpRoute(NS, 'echo'))).toEqual({ 'echo-v1': 50, 'echo-v2': 50 });

    await backToGraphTable(page);
    await expectShares(page, GATEWAY, { [V1]: 0.5, [V2]: 0.5 }, { since: fiftyAt });

    await manageTrafficFromGraph(page, NS, 'echo-v1');
    const form2 = page.locator(
      '[data-testid="gateway-route-card"][data-name="echo"] [data-testid="backend-weights-form"]',
    );
    await form2.getByTestId('preset-all-echo-v2').click();
    const allAt = await applyAndConfirm(page, form2.getByTestId('apply-weights'), /Updated HTTPRoute/);
    expect(weightsOf(await api.httpRoute(NS, 'echo'))).toEqual({ 'echo-v1': 0, 'echo-v2': 100 });

    await backToGraphTable(page);
    await expectShares(page, GATEWAY, { [V1]: 0, [V2]: 1 }, { since: allAt });
    // The GAMMA route was not touched: the mesh client still goes to echo-v1 only.
    await expectShares(page, CLIENT, { [V1]: 1 }, { since: allAt });
  } finally {
    await api.restoreHttpRoute(original);
  }
});
