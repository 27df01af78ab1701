import type { KubernetesObjectApi } from '@kubernetes/client-node';
import { storedWeights, type StoredVirtualService } from '../stack/api';
import { expect, test } from '../stack/cluster-stack';
import { appId, applyAndConfirm, expectShares, openRouteTab, serviceId, showTable } from './helpers';
import { backToGraphTable, manageTrafficFromGraph, openGraphTable } from './helpers-nav';

/*
 * Journey 10, the canary rollout with a real kube-apiserver as the source of truth (issue 7): the
 * scenario lives in the apiserver, mesh-sim routes by what it watches there, Prometheus scrapes
 * mesh-sim, and the API reads both (src/stack/cluster-stack.ts). The operator moves data-product's
 * `canary` route 90/10 -> 50/50 -> 0/100 (v3 -> v4) with the sliders; after each step the
 * VirtualService read straight from the apiserver (client-node, admin kubeconfig) has the weights,
 * and the graph's table view shows the observed split converging.
 */

const NS = 'data-product';
const SERVICE = serviceId(NS, 'data-product');
const V3 = appId(NS, 'data-product', 'v3.0');
const V4 = appId(NS, 'data-product', 'v4.0');

async function weightsInApiserver(kube: KubernetesObjectApi): Promise<{ v3: number; v4: number }> {
  const vs = await kube.read({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'data-product', namespace: NS },
  });
  const w = storedWeights(vs as unknown as StoredVirtualService);
  return { v3: w.v3 ?? 0, v4: w.v4 ?? 0 };
}

test('canary rollout of data-product on a real kube-apiserver: 90/10 -> 50/50 -> 0/100 with the sliders', async ({
  page,
  api,
  clusterStack,
}) => {
  const { kube } = clusterStack;
  const original = await api.virtualService(NS, 'data-product');
  expect(await weightsInApiserver(kube)).toEqual({ v3: 90, v4: 10 });
  try {
    await openGraphTable(page, NS);
    await expectShares(page, SERVICE, { [V3]: 0.9, [V4]: 0.1 });

    for (const step of [
      { v3: 50, v4: 50 },
      { v3: 0, v4: 100 },
    ]) {
      await test.step(`shift to ${step.v3}/${step.v4} with the slider`, async () => {
        await manageTrafficFromGraph(page, NS, 'data-product');
        const card = await openRouteTab(page, 'data-product', 'canary', 'tab-shift');
        const row = (subset: string) => card.locator(`[data-testid="split-row"][data-destination="${subset}"]`);
        await row('v4').getByTestId('weight-slider').fill(String(step.v4));
        await expect(row('v3').getByTestId('weight-input')).toHaveValue(String(step.v3));
        await expect(row('v4').getByTestId('weight-input')).toHaveValue(String(step.v4));
        await expect(card.getByTestId('split-total')).toContainText('Total 100%');
        const changedAt = await applyAndConfirm(page, card.getByTestId('apply-weights'));

        // The source of truth has it: read from the apiserver, not through the API.
        expect(await weightsInApiserver(kube)).toEqual(step);
        // The form restarts from the stored route (the API's informer saw the write come back).
        await expect(row('v4').getByTestId('expected-share')).toHaveText(`${step.v4}%`);

        await backToGraphTable(page);
        await showTable(page);
        await expectShares(page, SERVICE, { [V3]: step.v3 / 100, [V4]: step.v4 / 100 }, { since: changedAt });
      });
    }
  } finally {
    await api.restore(original);
  }
});
