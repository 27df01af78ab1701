import {
  boundGateways,
  canonicalRevision,
  resolveHost,
  selectVirtualService,
  selectorMatches,
  type ServiceSplit,
  type VirtualService,
} from '@sluice/model';
import type { MeshIndex } from '../samples/mesh-index';
import { isIngress } from './node-identity';
import type { Outcome } from '../samples/reporter-choice';
import type { NormalisedLabels } from '../samples/sample-keys';

/*
 * Per-scope version splits of each Service (the `splits` of a service node). The service node's
 * outgoing edges blend every caller: with tcp-echo at 80/20 on its gateway-bound VirtualService and
 * the in-mesh `sleep` client unrouted (round robin, 50/50), the edges read 74/26, which is neither
 * split. Istio's metrics carry no route, but they carry the source workload, and that decides which
 * VirtualService applied: a gateway workload's requests follow the VirtualServices bound to its
 * Gateway, everything else the mesh ones. So requests are tallied per scope:
 *
 * - gateway: the source is an ingress gateway workload. The Gateway is the one whose selector picks
 *   that workload and that some VirtualService routing this Service binds to; named only when config
 *   names exactly one (else the entry is keyed by the gateway workload and `gateway` is left out).
 * - mesh: every other source; `virtualService` is the one a sidecar in the caller's namespace uses.
 *
 * Only live traffic that reached a version counts (mirrored copies and injected aborts do not: they
 * were never routed to a version). TCP splits are by bytes, by connections while no bytes are in.
 */

interface ScopeAcc {
  scope: ServiceSplit['scope'];
  gateway?: string;
  virtualService?: string;
  /** false once two callers of one scope disagree on the VirtualService (exportTo): then none is named. */
  vsAgreed: boolean;
  requests: Map<string, number>;
  bytes: Map<string, number>;
  connections: Map<string, number>;
}

interface GatewayScope {
  key: string;
  gateway?: string;
  virtualService?: string;
}

export class ScopeSplits {
  /** service node id -> scope key -> tally */
  private readonly byService = new Map<string, Map<string, ScopeAcc>>();
  private readonly gatewayScopes = new Map<string, GatewayScope>();

  constructor(private readonly index: MeshIndex) {}

  addRequests(serviceNodeId: string, l: NormalisedLabels, host: string, outcomes: readonly Outcome[]): void {
    if (!l.destinationWorkload) return;
    let rps = 0;
    for (const o of outcomes) rps += o.rps;
    if (rps > 0) bump(this.acc(serviceNodeId, l, host).requests, this.version(l), rps);
  }

  addTcp(serviceNodeId: string, l: NormalisedLabels, host: string, connectionsPerSec: number, bytesPerSec: number) {
    if (!l.destinationWorkload) return;
    const acc = this.acc(serviceNodeId, l, host);
    const v = this.version(l);
    if (bytesPerSec > 0) bump(acc.bytes, v, bytesPerSec);
    if (connectionsPerSec > 0) bump(acc.connections, v, connectionsPerSec);
  }

  /** Splits per service node id: mesh first, then gateways by name; scopes without traffic left out. */
  toSplits(): Map<string, ServiceSplit[]> {
    const out = new Map<string, ServiceSplit[]>();
    for (const [nodeId, scopes] of this.byService) {
      const splits = [...scopes.entries()]
        .sort(([a], [b]) => (a === 'mesh' ? -1 : b === 'mesh' ? 1 : a.localeCompare(b)))
        .map(([, acc]) => toSplit(acc))
        .filter((s): s is ServiceSplit => s !== undefined);
      if (splits.length > 0) out.set(nodeId, splits);
    }
    return out;
  }

  private version(l: NormalisedLabels): string {
    if (l.destinationCanonicalRevision) return l.destinationCanonicalRevision;
    const w = this.index.workload(l.destinationWorkloadNamespace, l.destinationWorkload);
    return w ? canonicalRevision(w) : 'unknown';
  }

  private acc(serviceNodeId: string, l: NormalisedLabels, host: string): ScopeAcc {
    let scopes = this.byService.get(serviceNodeId);
    if (!scopes) this.byService.set(serviceNodeId, (scopes = new Map()));
    const ref = {
      namespace: l.sourceWorkloadNamespace,
      workload: l.sourceWorkload,
      canonical: l.sourceCanonicalService,
      revision: l.sourceCanonicalRevision,
    };
    const gateway = l.sourceWorkload && isIngress(ref, this.index) ? this.gatewayScope(l, host) : undefined;
    const key = gateway?.key ?? 'mesh';
    const vs = gateway ? gateway.virtualService : this.meshVirtualService(host, l.sourceWorkloadNamespace);
    let acc = scopes.get(key);
    if (!acc) {
      acc = {
        scope: gateway ? 'gateway' : 'mesh',
        ...(gateway?.gateway ? { gateway: gateway.gateway } : {}),
        ...(vs ? { virtualService: vs } : {}),
        vsAgreed: true,
        requests: new Map(),
        bytes: new Map(),
        connections: new Map(),
      };
      scopes.set(key, acc);
    } else if (acc.virtualService !== vs) acc.vsAgreed = false;
    return acc;
  }

  private meshVirtualService(host: string, consumerNamespace: string): string | undefined {
    const selected = selectVirtualService(
      this.index.snapshot.virtualServices,
      host,
      'mesh',
      consumerNamespace || host.split('.')[1] || 'default',
    );
    return selected ? `${selected.namespace}/${selected.vs.metadata.name}` : undefined;
  }

  /** Which Gateway (and its VirtualService) the gateway workload's requests to `host` went through. */
  private gatewayScope(l: NormalisedLabels, host: string): GatewayScope {
    const cacheKey = `${l.sourceWorkloadNamespace}/${l.sourceWorkload}|${host}`;
    const hit = this.gatewayScopes.get(cacheKey);
    if (hit) return hit;
    const workload = this.index.workload(l.sourceWorkloadNamespace, l.sourceWorkload);
    // A Gateway API Gateway's own deployment names its Gateway; its routes are HTTPRoutes, not VirtualServices.
    const gatewayApiName = workload?.labels['gateway.networking.k8s.io/gateway-name'];
    if (gatewayApiName !== undefined) {
      const gateway = `${l.sourceWorkloadNamespace}/${gatewayApiName}`;
      const scope: GatewayScope = { key: `gateway:${gateway}`, gateway };
      this.gatewayScopes.set(cacheKey, scope);
      return scope;
    }
    const selecting = new Set(
      this.index.snapshot.gateways
        .filter((g) => workload && selectorMatches(g.spec.selector, workload.labels))
        .map((g) => `${g.metadata.namespace ?? 'default'}/${g.metadata.name}`),
    );
    const gateways = new Set<string>();
    const virtualServices = new Set<string>();
    for (const vs of this.index.snapshot.virtualServices) {
      const ns = vs.metadata.namespace ?? 'default';
      if (!routesTo(vs, host)) continue;
      for (const g of boundGateways(vs.spec.gateways, ns)) {
        if (!selecting.has(g)) continue;
        gateways.add(g);
        virtualServices.add(`${ns}/${vs.metadata.name}`);
      }
    }
    const gateway = gateways.size === 1 ? [...gateways][0] : undefined;
    const scope: GatewayScope = {
      key: `gateway:${gateway ?? `${l.sourceWorkloadNamespace}/${l.sourceWorkload}`}`,
      ...(gateway ? { gateway } : {}),
      ...(virtualServices.size === 1 ? { virtualService: [...virtualServices][0] } : {}),
    };
    this.gatewayScopes.set(cacheKey, scope);
    return scope;
  }
}

function routesTo(vs: VirtualService, host: string): boolean {
  const ns = vs.metadata.namespace ?? 'default';
  const routes: { route?: { destination: { host: string } }[] }[] = [
    ...(vs.spec.http ?? []),
    ...(vs.spec.tcp ?? []),
    ...(vs.spec.tls ?? []),
  ];
  return routes.some((r) => (r.route ?? []).some((d) => resolveHost(d.destination.host, ns) === host));
}

function bump(m: Map<string, number>, key: string, value: number): void {
  m.set(key, (m.get(key) ?? 0) + value);
}

function toSplit(acc: ScopeAcc): ServiceSplit | undefined {
  const [by, unit]: [Map<string, number>, ServiceSplit['unit']] =
    acc.requests.size > 0
      ? [acc.requests, 'requests/s']
      : acc.bytes.size > 0
        ? [acc.bytes, 'bytes/s']
        : [acc.connections, 'connections/s'];
  let rate = 0;
  for (const v of by.values()) rate += v;
  if (rate <= 0) return undefined;
  const versions = [...by.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return {
    scope: acc.scope,
    ...(acc.gateway ? { gateway: acc.gateway } : {}),
    ...(acc.virtualService && acc.vsAgreed ? { virtualService: acc.virtualService } : {}),
    rate,
    unit,
    shares: Object.fromEntries(versions.map((v) => [v, Math.min(1, (by.get(v) ?? 0) / rate)])),
  };
}
