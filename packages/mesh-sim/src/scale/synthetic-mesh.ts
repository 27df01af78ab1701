import { createRandom } from '../random/prng';
import type { KubeManifest } from '../scenarios/load-manifests';
import type { ScenarioProfile, UpstreamCall } from '../scenarios/profile-types';

/*
 * A large synthetic mesh for benchmarks: N services x V versions in namespaces of 100 services,
 * a random call DAG (a service only calls services after it, so there are no loops), a load
 * generator per namespace calling the DAG's roots, and DestinationRules + weighted
 * VirtualServices for a share of the services.
 */

export interface SyntheticMeshOptions {
  services: number;
  versions?: number;
  seed?: number;
  /** Share of services with a DestinationRule and a weighted VirtualService (default 0.3). */
  routedShare?: number;
  /** Requests per second entering the mesh, spread over the roots (default 2 per service). */
  rps?: number;
  servicesPerNamespace?: number;
}

export interface SyntheticMesh {
  namespaces: string[];
  manifests: KubeManifest[];
  profiles: ScenarioProfile[];
}

const svcName = (i: number): string => `svc-${String(i).padStart(4, '0')}`;

export function syntheticMesh(o: SyntheticMeshOptions): SyntheticMesh {
  const rng = createRandom(o.seed ?? 7);
  const versions = o.versions ?? 3;
  const perNs = o.servicesPerNamespace ?? 100;
  const nsOf = (i: number): string => `mesh-${String(Math.floor(i / perNs)).padStart(2, '0')}`;
  const manifests: KubeManifest[] = [];
  const callers = new Array<number>(o.services).fill(0);
  const calls: UpstreamCall[][] = [];
  for (let i = 0; i < o.services; i++) {
    const out: UpstreamCall[] = [];
    const fanOut = Math.floor(rng.next() * 3);
    for (let k = 0; k < fanOut && i + 1 < o.services; k++) {
      // Mostly near neighbours (a layered architecture), sometimes far across namespaces.
      const span = rng.next() < 0.9 ? 20 : o.services;
      const j = Math.min(o.services - 1, i + 1 + Math.floor(rng.next() * span));
      if (out.some((c) => c.host.startsWith(`${svcName(j)}.`))) continue;
      out.push({ host: `${svcName(j)}.${nsOf(j)}.svc.cluster.local`, port: 8080, probability: 0.5 });
      callers[j] = (callers[j] ?? 0) + 1;
    }
    calls.push(out);
  }
  const namespaces = [...new Set(Array.from({ length: o.services }, (_, i) => nsOf(i)))];
  for (const ns of namespaces) {
    manifests.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { 'istio-injection': 'enabled' } },
    });
    manifests.push(deployment(ns, 'loadgen', 'loadgen', 'v1', 1));
  }
  for (let i = 0; i < o.services; i++) {
    const ns = nsOf(i);
    const name = svcName(i);
    manifests.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: ns },
      spec: { selector: { app: name }, ports: [{ name: 'http', port: 8080 }] },
    });
    for (let v = 1; v <= versions; v++)
      manifests.push(deployment(ns, `${name}-v${v}`, name, `v${v}`, 1 + Math.floor(rng.next() * 3)));
    if (rng.next() < (o.routedShare ?? 0.3)) manifests.push(...routing(ns, name, versions, rng.next()));
  }
  const roots = Array.from({ length: o.services }, (_, i) => i).filter((i) => callers[i] === 0);
  const rpsPerRoot = (o.rps ?? 2 * o.services) / Math.max(1, roots.length);
  const profiles: ScenarioProfile[] = namespaces.map((ns) => ({
    namespace: ns,
    generators: roots
      .filter((i) => nsOf(i) === ns)
      .map((i) => ({
        name: `to-${svcName(i)}`,
        rps: rpsPerRoot,
        protocol: 'http' as const,
        entry: { kind: 'mesh' as const, workload: 'loadgen', namespace: ns, host: svcName(i), port: 8080 },
      })),
    behaviours: Object.fromEntries(
      Array.from({ length: o.services }, (_, i) => i)
        .filter((i) => nsOf(i) === ns)
        .map((i) => [
          svcName(i),
          { calls: calls[i] ?? [], errorRate: 0.001, latency: { medianMs: 2 + (i % 7), p95Ms: 10 + 3 * (i % 7) } },
        ]),
    ),
  }));
  return { namespaces, manifests, profiles };
}

function deployment(namespace: string, name: string, app: string, version: string, replicas: number): KubeManifest {
  const labels = { app, version };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: app, image: 'example.com/app' }] } },
    },
  };
}

function routing(namespace: string, host: string, versions: number, r: number): KubeManifest[] {
  if (versions < 2) return [];
  const subsets = Array.from({ length: versions }, (_, v) => ({ name: `v${v + 1}`, labels: { version: `v${v + 1}` } }));
  // A canary shape: most traffic on v1, the rest spread over the newer versions.
  const main = 50 + Math.floor(r * 45);
  const rest = 100 - main;
  const weights = subsets.map((_, v) =>
    v === 0 ? main : Math.floor(rest / (versions - 1)) + (v === 1 ? rest % (versions - 1) : 0),
  );
  return [
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: host, namespace },
      spec: { host, subsets },
    },
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: host, namespace },
      spec: {
        hosts: [host],
        http: [
          {
            name: 'split',
            route: subsets.map((s, v) => ({ destination: { host, subset: s.name }, weight: weights[v] })),
          },
        ],
      },
    },
  ];
}
