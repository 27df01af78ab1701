import { resolveRoute } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { loadScenarioManifests, SCENARIO_NAMESPACES } from './load-manifests';
import { profilesFor } from './profiles';
import { snapshotFromManifests, workloadFromManifest } from '@sluice/model';

/* The seed manifests load into a snapshot, and every profile's generators have somewhere to go. */

describe('scenario manifests and profiles', () => {
  const snapshot = snapshotFromManifests(loadScenarioManifests());

  it('loads every scenario namespace with Deployments as workloads (template labels, replicas)', () => {
    for (const ns of SCENARIO_NAMESPACES) expect(snapshot.namespaces).toContain(ns);
    const bp = snapshot.workloads.find((w) => w.name === 'business-product');
    expect(bp).toMatchObject({
      namespace: 'data-product',
      kind: 'Deployment',
      replicas: 9,
      labels: { app: 'business-product', version: 'v1' },
    });
    expect(snapshot.workloads.find((w) => w.labels.istio === 'ingressgateway')?.namespace).toBe('istio-system');
  });

  it("adds the seeds' imperatively started clients from scenarios-extra", () => {
    for (const [ns, name] of [
      ['demoapp', 'client'],
      ['front-tomcat', 'client'],
      ['data-product', 'client'],
      ['istio-io-tcp-traffic-shift', 'sleep'],
    ]) {
      expect(snapshot.workloads.some((w) => w.namespace === ns && w.name === name)).toBe(true);
    }
  });

  it('only loads the scenarios asked for (plus istio-system)', () => {
    const only = snapshotFromManifests(loadScenarioManifests(['demoapp']));
    expect(only.namespaces).toEqual(['demoapp', 'istio-system']);
    expect(() => loadScenarioManifests(['nope'])).toThrow(/unknown scenario/);
  });

  it('routes every generator entry of every profile somewhere', () => {
    for (const p of profilesFor()) {
      for (const g of p.generators) {
        const source =
          g.entry.kind === 'gateway'
            ? { kind: 'gateway' as const, gateway: g.entry.gateway }
            : { kind: 'mesh' as const, namespace: g.entry.namespace };
        const namespace = g.entry.kind === 'gateway' ? (g.entry.gateway.split('/')[0] ?? '') : g.entry.namespace;
        const path = g.mix?.[0]?.path ?? '/';
        const d = resolveRoute(snapshot, {
          protocol: g.protocol,
          host: g.entry.host,
          namespace,
          port: g.entry.port,
          path,
          source,
        });
        expect(d.destinations.length, `${p.namespace}/${g.name}`).toBeGreaterThan(0);
      }
    }
  });

  it('counts ready pods once a controller reports status, desired replicas before that; bare Pods are workloads of one', () => {
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'n' },
      spec: { replicas: 3, template: { metadata: { labels: { app: 'd' } } } },
    };
    expect(workloadFromManifest(d)?.replicas).toBe(3);
    expect(workloadFromManifest({ ...d, status: { replicas: 3, readyReplicas: 2 } })?.replicas).toBe(2);
    expect(workloadFromManifest({ ...d, status: { replicas: 3 } })?.replicas).toBe(0);
    expect(
      workloadFromManifest({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'n', labels: { app: 'p' } },
      }),
    ).toMatchObject({ kind: 'Pod', replicas: 1, labels: { app: 'p' } });
  });
});
