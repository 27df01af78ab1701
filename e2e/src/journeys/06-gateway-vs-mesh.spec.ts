import { storedWeights } from '../stack/api';
import { expect, test } from '../stack/fixture';
import { appId, expectScopeSplits, expectShares, applyAndConfirm, serviceId, setWeight } from './helpers';
import { backToGraphTable, hideServiceNodes, manageTrafficFromGraph, openGraphTable } from './helpers-nav';

/*
 * Journey 6, ingress gateway (seed 004): front-tomcat has two VirtualServices with the same 90/10
 * split, `gateway-front-tomcat` (bound to front-tomcat-gateway, host tomcat.istio.com) and the
 * mesh-internal `front-tomcat`. Only the gateway one goes to 50/50: the gateway's traffic follows,
 * the in-mesh client's stays at 90/10. The front-tomcat service node shows one split per scope (with
 * a gateway-only VirtualService badge), and the graph without service nodes shows each caller's split.
 */

const NS = 'front-tomcat';
const GATEWAY = 'ingress:istio-system:istio-ingressgateway';
const CLIENT = appId(NS, 'client', 'v1');
const V1 = appId(NS, 'front-tomcat', 'v1');
const V2 = appId(NS, 'front-tomcat', 'v2');
const SERVICE = serviceId(NS, 'front-tomcat');
const GW_SCOPE = `gateway ${NS}/front-tomcat-gateway`;

test('front-tomcat: only gateway-front-tomcat goes to 50/50; gateway traffic follows, mesh traffic keeps 90/10', async ({
  page,
  api,
}) => {
  const gatewayVs = await api.virtualService(NS, 'gateway-front-tomcat');
  const meshVs = await api.virtualService(NS, 'front-tomcat');
  expect(storedWeights(gatewayVs)).toEqual({ v1: 90, v2: 10 });
  expect(storedWeights(meshVs)).toEqual({ v1: 90, v2: 10 });
  try {
    await openGraphTable(page, NS);
    const serviceRow = page.locator(`[data-testid="node-row"][data-node-id="${SERVICE}"]`);
    await expect(serviceRow.locator('[data-badge="gatewayVirtualService"]')).toHaveText('gateway-only virtual service');
    await expectScopeSplits(page, SERVICE, { mesh: { v1: 0.9, v2: 0.1 }, [GW_SCOPE]: { v1: 0.9, v2: 0.1 } });
    await hideServiceNodes(page);
    await expectShares(page, GATEWAY, { [V1]: 0.9, [V2]: 0.1 });
    await expectShares(page, CLIENT, { [V1]: 0.9, [V2]: 0.1 });

    await manageTrafficFromGraph(page, NS, 'front-tomcat', V1);
    // Both VirtualServices route front-tomcat; the page shows each with its gateway binding.
    const gatewayCard = page.locator('[data-testid="virtual-service-card"][data-name="gateway-front-tomcat"]');
    await expect(gatewayCard).toContainText('gateway front-tomcat-gateway');
    await expect(page.locator('[data-testid="virtual-service-card"][data-name="front-tomcat"]')).toBeVisible();
    const card = gatewayCard.locator('[data-testid="route-card"]').first();
    await card.getByTestId('tab-shift').click();
    await setWeight(card, 'v2', 50);
    await expect(
      card.locator('[data-testid="split-row"][data-destination="v1"] [data-testid="weight-input"]'),
    ).toHaveValue('50');
    const changedAt = await applyAndConfirm(page, card.getByTestId('apply-weights'));

    expect(storedWeights(await api.virtualService(NS, 'gateway-front-tomcat'))).toEqual({ v1: 50, v2: 50 });
    const meshAfter = await api.virtualService(NS, 'front-tomcat');
    expect(meshAfter.metadata.resourceVersion).toBe(meshVs.metadata.resourceVersion);
    expect(storedWeights(meshAfter)).toEqual({ v1: 90, v2: 10 });

    await backToGraphTable(page);
    await expectScopeSplits(
      page,
      SERVICE,
      { mesh: { v1: 0.9, v2: 0.1 }, [GW_SCOPE]: { v1: 0.5, v2: 0.5 } },
      { since: changedAt },
    );
    // The side panel of the service node says the same, naming each scope's VirtualService.
    await serviceRow.getByRole('button').click();
    const splits = page.getByTestId('side-panel').getByTestId('scope-split');
    await expect(splits.filter({ hasText: 'VirtualService front-tomcat/gateway-front-tomcat' })).toContainText(
      GW_SCOPE,
    );
    await expect(splits.filter({ hasText: 'VirtualService front-tomcat/front-tomcat)' })).toContainText('mesh');
    await page.getByRole('button', { name: 'Close details' }).click();
    await hideServiceNodes(page);
    await expectShares(page, GATEWAY, { [V1]: 0.5, [V2]: 0.5 }, { since: changedAt });
    await expectShares(page, CLIENT, { [V1]: 0.9, [V2]: 0.1 }, { since: changedAt });
  } finally {
    await api.restore(gatewayVs);
    await api.restore(meshVs);
  }
});
