import {
  destinationRuleFor,
  validateObject,
  versionsOf,
  type Finding,
  type MeshSnapshot,
  type ServiceTraffic,
  type TrafficWindow,
  type Workload,
} from '@sluice/model';
import { notFound } from '../errors/app-error';
import { createMeshIndex } from '../samples/mesh-index';
import { collectMirrorTargets } from '../samples/mirror-targets';
import { correctForWorkloadAge } from '../graph/workload-age';
import { isIngress } from '../graph/node-identity';
import { portProtocol } from '../writes/mesh-views';
import { routingOf } from '../writes/service-routing';
import { tallyObserved, workloadVersion, type VersionTally } from './observed-split';
import { gatewayRoutesFor } from '../writes/gateway-routing';
import { gatewayRouteView } from './gateway-route-views';
import { virtualServiceView } from './route-views';

/*
 * The traffic view of one Service (GET /api/namespaces/:ns/services/:name/traffic): its subsets,
 * the VirtualServices that route it with every route's expected split, the observed split per
 * version over the window, and the model's findings for the objects involved. Pure; `traffic`
 * undefined (metrics down) leaves the observed part empty for the caller to mark.
 */
export function buildServiceTraffic(
  snapshot: MeshSnapshot,
  traffic: TrafficWindow | undefined,
  ns: string,
  name: string,
  window: string,
): ServiceTraffic {
  const index = createMeshIndex(snapshot);
  const routing = routingOf(snapshot, ns, name);
  const service = index.serviceByHost(routing.fqdn);
  if (!service) throw notFound(`Service ${ns}/${name}`);
  const workloads = index.workloadsOf(service);
  const dr = destinationRuleFor(routing.destinationRules, routing.fqdn, ns);
  const subsets = (dr?.spec.subsets ?? []).map((s) => {
    const labels = s.labels ?? {};
    const selected = workloads.filter((w) => Object.entries(labels).every(([k, v]) => w.labels[k] === v));
    const versions = versionsOf(selected);
    return {
      name: s.name,
      labels,
      workloads: selected.map((w) => w.name),
      ...(labels.version ? { version: labels.version } : versions.length === 1 ? { version: versions[0] } : {}),
      destinationRule: dr?.metadata.name,
    };
  });
  const virtualServices = [...routing.hostVirtualServices, ...routing.referencingVirtualServices];
  const gateway = gatewayRoutesFor(snapshot, service);
  const portProtocols = (service.spec.ports ?? []).map(portProtocol);

  const tally = traffic
    ? tallyObserved({
        traffic: correctForWorkloadAge(traffic, index),
        host: routing.fqdn,
        // Gateway API backendRefs are Services of their own (echo-v1): Istio reports those as the destination.
        alsoHosts: gateway.backendHosts,
        mirrors: collectMirrorTargets(index, snapshot.virtualServices),
        versionOf: (wns, wname) => workloadVersion(index.workload(wns, wname)),
      })
    : undefined;
  const subsetOf = (version: string) => subsets.find((s) => s.version === version)?.name;
  const versionsView = (m: Map<string, VersionTally> | undefined) => {
    const list = [...(m?.values() ?? [])];
    const total = list.reduce((a, v) => a + v.rps, 0);
    return list
      .sort((a, b) => a.version.localeCompare(b.version, 'en', { numeric: true }))
      .map((v) => {
        const subset = subsetOf(v.version);
        return {
          version: v.version,
          ...(subset ? { subset } : {}),
          rps: v.rps,
          share: total > 0 ? v.rps / total : 0,
          errorRate: v.rps > 0 ? Math.min(1, v.errorRps / v.rps) : 0,
          ...(v.latencyWeight > 0 ? { latencyP95Ms: v.latencySum / v.latencyWeight } : {}),
        };
      });
  };
  const overall = versionsView(tally?.overall);
  const unrouted = [...(tally?.unrouted ?? [])]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, t]) => ({ reason, rps: t.rps, errorRate: t.rps > 0 ? Math.min(1, t.errorRps / t.rps) : 0 }));

  return {
    namespace: ns,
    service: name,
    protocol: tally?.protocol ?? portProtocols[0] ?? 'http',
    versions: versionsOf(workloads).length > 0 ? versionsOf(workloads) : versionsFallback(workloads),
    subsets,
    virtualServices: virtualServices.map(virtualServiceView),
    gatewayRoutes: gateway.routes.map((r) => gatewayRouteView(snapshot, r)),
    observed: {
      window,
      rps: [...overall, ...unrouted].reduce((a, v) => a + v.rps, 0),
      versions: overall,
      ...(unrouted.length > 0 ? { unrouted } : {}),
      bySource: [...(tally?.bySource.values() ?? [])]
        .map((s) => {
          const versions = versionsView(s.versions);
          const ref = { namespace: s.sourceNamespace, workload: s.source, canonical: '', revision: '' };
          return {
            source: s.source,
            sourceNamespace: s.sourceNamespace,
            // The same test as the graph's per-scope splits (./graph/scope-splits), so both agree.
            scope: isIngress(ref, index) ? ('gateway' as const) : ('mesh' as const),
            rps: versions.reduce((a, v) => a + v.rps, 0),
            versions,
          };
        })
        .sort((a, b) => b.rps - a.rps || a.source.localeCompare(b.source)),
    },
    findings: findingsFor(snapshot, [...virtualServices, ...routing.destinationRules, ...gateway.routes]),
  };
}

/** Workloads without a version label still serve a revision Istio calls "latest". */
function versionsFallback(workloads: readonly Workload[]): string[] {
  return workloads.length > 0 ? [...new Set(workloads.map((w) => workloadVersion(w) ?? 'latest'))] : [];
}

/** The model's findings for each object, the message saying which object it concerns (paths stay object-relative). */
function findingsFor(
  snapshot: MeshSnapshot,
  objects: readonly { kind: string; metadata: { name: string; namespace?: string } }[],
): Finding[] {
  return objects.flatMap((o) =>
    validateObject(o, snapshot).map((f) => ({
      ...f,
      message: `${o.kind} ${o.metadata.namespace ?? 'default'}/${o.metadata.name}: ${f.message}`,
    })),
  );
}
