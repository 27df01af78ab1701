import { storedWeights } from '../stack/api';
import { expect, test } from '../stack/fixture';
import {
  appId,
  edgeRow,
  expectScopeSplits,
  expectShares,
  applyAndConfirm,
  openRouteTab,
  serviceId,
  setWeight,
} from './helpers';
import { backToGraphTable, hideServiceNodes, manageTrafficFromGraph, openGraphTable } from './helpers-nav';

/*
 * Journey 5, TCP traffic shift (seed 000): tcp-echo's VirtualService is bound to tcp-echo-gateway
 * (port 31400) and sends 100% to v1; the operator shifts it to 80/20. The graph without service
 * nodes gives the gateway's own TCP edges to v1 and v2 (the in-mesh `sleep` client is not routed by
 * this VirtualService and is left out of the check), and their connection shares follow. With
 * service nodes, tcp-echo's node shows the gateway's split apart from the in-mesh one.
 */

const NS = 'istio-io-tcp-traffic-shift';
const GATEWAY = 'ingress:istio-system:istio-ingressgateway';
const V1 = appId(NS, 'tcp-echo', 'v1');
const V2 = appId(NS, 'tcp-echo', 'v2');

test('tcp-echo through the gateway: 100/0 -> 80/20 in the store and on the TCP edges', async ({ page, api }) => {
  const original = await api.virtualService(NS, 'tcp-echo');
  expect(storedWeights(original, 'tcp')).toEqual({ v1: 100 });
  try {
    await openGraphTable(page, NS);
    await hideServiceNodes(page);
    await expect(edgeRow(page, GATEWAY, V1)).toHaveAttribute('data-protocol', 'tcp');
    await expectShares(page, GATEWAY, { [V1]: 1, [V2]: 0 });

    await manageTrafficFromGraph(page, NS, 'tcp-echo', V1);
    const card = await openRouteTab(page, 'tcp-echo', 'tcp-0', 'tab-shift');
    await setWeight(card, 'v2', 20);
    await expect(
      card.locator('[data-testid="split-row"][data-destination="v1"] [data-testid="weight-input"]'),
    ).toHaveValue('80');
    const changedAt = await applyAndConfirm(page, card.getByTestId('apply-weights'));

    const stored = await api.virtualService(NS, 'tcp-echo');
    expect(storedWeights(stored, 'tcp')).toEqual({ v1: 80, v2: 20 });
    // Still bound to the gateway, still matching port 31400, still to port 9000.
    expect(stored.spec.gateways).toEqual(original.spec.gateways);
    expect(stored.spec.tcp?.[0]?.match).toEqual(original.spec.tcp?.[0]?.match);
    for (const r of stored.spec.tcp?.[0]?.route ?? []) expect(r.destination.port).toEqual({ number: 9000 });

    await backToGraphTable(page);
    await expectScopeSplits(
      page,
      serviceId(NS, 'tcp-echo'),
      { [`gateway ${NS}/tcp-echo-gateway`]: { v1: 0.8, v2: 0.2 } },
      { since: changedAt },
    );
    await hideServiceNodes(page);
    await expectShares(page, GATEWAY, { [V1]: 0.8, [V2]: 0.2 }, { since: changedAt });
    await expect(edgeRow(page, GATEWAY, V2)).toHaveAttribute('data-protocol', 'tcp');
  } finally {
    await api.restore(original);
  }
});
