import { describe, expect, it } from 'vitest';
import type { Workload } from '../resources/kube';
import { loadScenarioSnapshot } from '../fixtures/test-scenarios';
import { validateObject } from '../validation/validate-object';
import { buildRoutingFor } from './build-routing';
import { subsetName, subsetsFromWorkloads } from './subsets';

const snapshot = loadScenarioSnapshot();
const inNs = (ns: string) => snapshot.workloads.filter((w) => w.namespace === ns);
const w = (name: string, version: string | undefined, replicas = 1): Workload => ({
  namespace: 'shop',
  name,
  kind: 'Deployment',
  labels: { app: 'cart', ...(version === undefined ? {} : { version }) },
  replicas,
});

describe('subsetName', () => {
  it.each([
    ['v1', 'v1'],
    ['v3.0', 'v3-0'],
    ['V1.2.3_RC', 'v1-2-3-rc'],
    ['..', 'subset'],
    ['-x-', 'x'],
  ])('%s -> %s', (value, name) => expect(subsetName(value)).toBe(name));
});

describe('subsetsFromWorkloads', () => {
  it('makes one DNS-1123 subset per distinct version, numerically sorted', () => {
    const subsets = subsetsFromWorkloads('cart', [
      w('a', 'v10'),
      w('b', 'v9'),
      w('c', 'v9'),
      w('d', undefined),
      w('e', 'v1.0'),
    ]);
    expect(subsets).toEqual([
      { name: 'v1-0', labels: { version: 'v1.0' } },
      { name: 'v9', labels: { version: 'v9' } },
      { name: 'v10', labels: { version: 'v10' } },
    ]);
  });
  it('keeps the names of an existing DestinationRule (data-product: v3/v4 for v3.0/v4.0)', () => {
    const existing = snapshot.destinationRules.find((d) => d.metadata.name === 'data-product');
    const dataProduct = inNs('data-product').filter((x) => x.labels.app === 'data-product');
    expect(subsetsFromWorkloads('data-product', dataProduct, 'version', existing).map((s) => s.name)).toEqual([
      'v3',
      'v4',
    ]);
    // A rule for another host is not reused.
    expect(
      subsetsFromWorkloads('data-product', dataProduct, 'version', {
        ...existing!,
        spec: { ...existing!.spec, host: 'other' },
      }).map((s) => s.name),
    ).toEqual(['v3-0', 'v4-0']);
  });
  it('never reuses a taken name for a new version', () => {
    const existing = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule' as const,
      metadata: { name: 'cart', namespace: 'shop' },
      spec: { host: 'cart', subsets: [{ name: 'v1-0', labels: { version: 'v1_0' } }] },
    };
    const subsets = subsetsFromWorkloads('cart', [w('a', 'v1.0'), w('b', 'v1_0')], 'version', existing);
    expect(Object.fromEntries(subsets.map((s) => [s.labels?.version, s.name]))).toEqual({
      v1_0: 'v1-0',
      'v1.0': 'v1-0-2',
    });
  });
  it('reads another label when asked', () => {
    const ws = [{ ...w('a', undefined), labels: { app: 'cart', track: 'stable' } }];
    expect(subsetsFromWorkloads('cart', ws, 'track')).toEqual([{ name: 'stable', labels: { track: 'stable' } }]);
  });
});

describe('buildRoutingFor', () => {
  it('splits by replicas so creating routing changes no traffic, and the result validates clean', () => {
    const service = snapshot.services.find((s) => s.metadata.name === 'demoapp')!;
    const { destinationRule, virtualService } = buildRoutingFor(service, snapshot.workloads);
    expect(destinationRule.spec).toEqual({
      host: 'demoapp',
      subsets: [
        { name: 'v1-0', labels: { version: 'v1.0' } },
        { name: 'v1-1', labels: { version: 'v1.1' } },
      ],
    });
    expect(virtualService.spec.http).toEqual([
      {
        name: 'default',
        route: [
          { destination: { host: 'demoapp', subset: 'v1-0' }, weight: 60 },
          { destination: { host: 'demoapp', subset: 'v1-1' }, weight: 40 },
        ],
      },
    ]);
    const ctx = { ...snapshot, destinationRules: [destinationRule], virtualServices: [virtualService] };
    expect(validateObject(destinationRule, ctx)).toEqual([]);
    expect(validateObject(virtualService, ctx)).toEqual([]);
  });
  it('keeps existing subset names, uses a tcp route for tcp-only services, and handles unversioned services', () => {
    const dp = snapshot.services.find((s) => s.metadata.name === 'data-product')!;
    const existing = snapshot.destinationRules.find((d) => d.metadata.name === 'data-product');
    expect(
      buildRoutingFor(dp, snapshot.workloads, { existing }).virtualService.spec.http![0]!.route!.map(
        (r) => `${r.destination.subset}:${r.weight}`,
      ),
    ).toEqual(['v3:50', 'v4:50']);
    const tcp = snapshot.services.find((s) => s.metadata.name === 'tcp-echo')!;
    const tcpVs = buildRoutingFor(tcp, snapshot.workloads).virtualService;
    expect(tcpVs.spec.http).toBeUndefined();
    expect(tcpVs.spec.tcp![0]!.route).toHaveLength(2);
    const gw = snapshot.services.find((s) => s.metadata.name === 'istio-ingressgateway')!;
    const bare = buildRoutingFor(gw, snapshot.workloads);
    expect(bare.destinationRule.spec.subsets).toEqual([]);
    expect(bare.virtualService.spec.http![0]!.route).toEqual([
      { destination: { host: 'istio-ingressgateway' }, weight: 100 },
    ]);
  });
  it('gives the first version 100 when no replicas run', () => {
    const service = {
      metadata: { name: 'cart', namespace: 'shop' },
      spec: { selector: { app: 'cart' }, ports: [{ name: 'http', port: 80 }] },
    };
    const vs = buildRoutingFor(service, [w('a', 'v2', 0), w('b', 'v1', 0)]).virtualService;
    expect(vs.spec.http![0]!.route!.map((r) => r.weight)).toEqual([100, 0]);
  });
});
