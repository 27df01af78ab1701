import type {
  DestinationRule,
  Gateway,
  HTTPRoute,
  IstioConfig,
  VirtualService,
  VirtualServiceSpec,
} from '../resources/istio';
import type { MeshSnapshot } from '../resources/snapshot';
import { parseManifests, snapshotFromManifests } from '../fixtures/manifests';
import type { RoutingRequest } from './types';

/*
 * Builders for routing tests: terse inline Istio objects and requests. Pure, no I/O, so it may
 * live beside the code; only *.test.ts files import it.
 */

export function vs(
  namespace: string,
  name: string,
  spec: VirtualServiceSpec,
  creationTimestamp?: string,
): VirtualService {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace, ...(creationTimestamp ? { creationTimestamp } : {}) },
    spec,
  };
}

export function dr(
  namespace: string,
  name: string,
  host: string,
  subsets: Record<string, Record<string, string>>,
): DestinationRule {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name, namespace },
    spec: { host, subsets: Object.entries(subsets).map(([n, labels]) => ({ name: n, labels })) },
  };
}

export function gw(namespace: string, name: string, hosts: string[], port = 80, protocol = 'HTTP'): Gateway {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace },
    spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: port, name: 'p', protocol }, hosts }] },
  };
}

export function config(parts: Partial<IstioConfig>): IstioConfig {
  return { virtualServices: [], destinationRules: [], gateways: [], ...parts };
}

/** One VS named `name` for host `name` in `namespace` with the given http routes. */
export function httpVs(namespace: string, name: string, http: HTTPRoute[]): VirtualService {
  return vs(namespace, name, { hosts: [name], http });
}

export function meshRequest(namespace: string, host: string, extra: Partial<RoutingRequest> = {}): RoutingRequest {
  return { protocol: 'http', host, namespace, source: { kind: 'mesh', namespace }, ...extra };
}

export function gatewayRequest(gateway: string, host: string, extra: Partial<RoutingRequest> = {}): RoutingRequest {
  const namespace = extra.namespace ?? 'istio-system';
  return { protocol: 'http', host, namespace, source: { kind: 'gateway', gateway, namespace }, ...extra };
}

/** Deterministic PRNG (mulberry32) for statistical tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A scenario manifest text (read by the test) as a snapshot. */
export function scenarioSnapshot(...texts: string[]): MeshSnapshot {
  return snapshotFromManifests(texts.flatMap((t) => parseManifests(t)));
}

/** The snapshot with `replacement` in place of the VirtualService of the same namespace/name (or added). */
export function withVirtualService(snapshot: MeshSnapshot, replacement: VirtualService): MeshSnapshot {
  const same = (v: VirtualService) =>
    v.metadata.name === replacement.metadata.name && v.metadata.namespace === replacement.metadata.namespace;
  return { ...snapshot, virtualServices: [...snapshot.virtualServices.filter((v) => !same(v)), replacement] };
}
