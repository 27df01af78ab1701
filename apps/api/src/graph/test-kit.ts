import type {
  DestinationRule,
  Graph,
  GraphQuery,
  MeshSnapshot,
  RequestSample,
  Service,
  TcpSample,
  VirtualService,
  Workload,
} from '@sluice/model';

/* Hand-made snapshots and samples for the graph builder's tests (a small bookinfo). */

export function workload(namespace: string, name: string, app: string, version: string): Workload {
  return { namespace, name, kind: 'Deployment', labels: { app, version }, replicas: 1 };
}

export function service(namespace: string, name: string, selector: Record<string, string> = { app: name }): Service {
  return { metadata: { name, namespace }, spec: { selector, ports: [{ name: 'http', port: 9080 }] } };
}

export function destinationRule(namespace: string, host: string, versions: string[]): DestinationRule {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: host, namespace },
    spec: { host, subsets: versions.map((v) => ({ name: v, labels: { version: v } })) },
  };
}

export function virtualService(namespace: string, name: string, spec: VirtualService['spec']): VirtualService {
  return { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name, namespace }, spec };
}

export function bookinfo(extra: Partial<MeshSnapshot> = {}): MeshSnapshot {
  const ns = 'bookinfo';
  return {
    namespaces: [ns, 'istio-system'],
    services: ['productpage', 'details', 'reviews', 'ratings'].map((n) => service(ns, n)),
    workloads: [
      workload(ns, 'productpage-v1', 'productpage', 'v1'),
      workload(ns, 'details-v1', 'details', 'v1'),
      workload(ns, 'reviews-v1', 'reviews', 'v1'),
      workload(ns, 'reviews-v2', 'reviews', 'v2'),
      workload(ns, 'reviews-v3', 'reviews', 'v3'),
      workload(ns, 'ratings-v1', 'ratings', 'v1'),
      {
        namespace: 'istio-system',
        name: 'istio-ingressgateway',
        kind: 'Deployment',
        labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
        replicas: 1,
      },
    ],
    destinationRules: [destinationRule(ns, 'reviews', ['v1', 'v2', 'v3'])],
    virtualServices: [],
    gateways: [],
    ...extra,
  };
}

export interface Hop {
  from: string;
  /** Destination workload, or "" when the request never reached one. */
  to: string;
  svc: string;
  reporter?: 'source' | 'destination';
  code?: string;
  flags?: string;
  rps: number;
  ns?: string;
  protocol?: 'http' | 'grpc' | 'tcp';
}

const appOf = (w: string) => w.replace(/-v\d+$/, '');
const versionOf = (w: string) => /-(v\d+)$/.exec(w)?.[1] ?? 'latest';

function labels(h: Hop) {
  const ns = h.ns ?? 'bookinfo';
  const fromNs = h.from.startsWith('istio-ingressgateway') ? 'istio-system' : ns;
  return {
    reporter: h.reporter ?? 'destination',
    sourceWorkload: h.from,
    sourceWorkloadNamespace: fromNs,
    sourceCanonicalService: appOf(h.from),
    sourceCanonicalRevision: versionOf(h.from),
    destinationService: `${h.svc}.${ns}.svc.cluster.local`,
    destinationServiceName: h.svc,
    destinationServiceNamespace: ns,
    destinationWorkload: h.to || 'unknown',
    destinationWorkloadNamespace: h.to ? ns : 'unknown',
    destinationCanonicalService: h.to ? appOf(h.to) : 'unknown',
    destinationCanonicalRevision: h.to ? versionOf(h.to) : 'unknown',
    requestProtocol: h.protocol ?? 'http',
  } as const;
}

export function req(h: Hop): RequestSample {
  return { ...labels(h), responseCode: h.code ?? '200', responseFlags: h.flags ?? '-', rps: h.rps };
}

/** The same hop reported by both proxies. */
export function both(h: Omit<Hop, 'reporter'>): RequestSample[] {
  return [req({ ...h, reporter: 'source' }), req({ ...h, reporter: 'destination' })];
}

export function tcp(h: Hop & { bytes: number }): TcpSample {
  return {
    ...labels({ ...h, protocol: 'tcp' }),
    sentBytesPerSec: h.bytes / 2,
    receivedBytesPerSec: h.bytes / 2,
    connectionsOpenedPerSec: h.rps,
  };
}

export function window(requests: RequestSample[], tcpSamples: TcpSample[] = []) {
  return { timestamp: '2026-01-01T00:00:00.000Z', window: '30s', requests, latencies: [], tcp: tcpSamples };
}

export const query = (over: Partial<GraphQuery> = {}): GraphQuery => ({
  namespaces: ['bookinfo'],
  graphType: 'versionedApp',
  window: '30s',
  injectServiceNodes: true,
  ...over,
});

export const edge = (g: Graph, source: string, target: string, mirrored = false) =>
  g.edges.find((e) => e.source === source && e.target === target && (e.mirrored ?? false) === mirrored);

export const PP = 'app:bookinfo:productpage:v1';
export const REVIEWS = 'service:bookinfo:reviews';
