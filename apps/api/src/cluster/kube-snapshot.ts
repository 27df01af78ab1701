import type { KubernetesObject } from '@kubernetes/client-node';
import {
  apiVersionOf,
  destinationRuleSchema,
  gatewaySchema,
  kubeGatewaySchema,
  kubeGrpcRouteSchema,
  kubeHttpRouteSchema,
  kubeTcpRouteSchema,
  type KubeGateway,
  serviceSchema,
  virtualServiceSchema,
  workloadFromManifest,
  type IstioKind,
  type IstioObject,
  type MeshSnapshot,
  type Service,
  type Workload,
} from '@sluice/model';
import type { Logger } from 'pino';
import { deepFreeze } from './deep-freeze';
import { podSummaries } from './kube-pods';

/* Pure mapping from the Kubernetes caches to the model's shapes; unit-tested without an apiserver. */

export interface KubeCaches {
  istio: readonly IstioObject[];
  services: readonly KubernetesObject[];
  deployments: readonly KubernetesObject[];
  /** Read only for their owner: which Deployment a pod's ReplicaSet belongs to. */
  replicaSets: readonly KubernetesObject[];
  pods: readonly KubernetesObject[];
  namespaces: readonly KubernetesObject[];
  /** Gateway API Gateways (gateway.networking.k8s.io), read only. */
  kubeGateways?: readonly KubernetesObject[];
}

const SCHEMAS = {
  VirtualService: virtualServiceSchema,
  DestinationRule: destinationRuleSchema,
  Gateway: gatewaySchema,
  HTTPRoute: kubeHttpRouteSchema,
  GRPCRoute: kubeGrpcRouteSchema,
  TCPRoute: kubeTcpRouteSchema,
} as const;

/**
 * A listed or watched Istio object as the model's type. List items carry no kind/apiVersion, so
 * both are set here; managedFields are dropped because they are noise in every view and diff.
 * Objects the model cannot read are skipped with a warning rather than breaking the whole snapshot.
 */
export function toIstioObject(kind: IstioKind, raw: KubernetesObject, logger?: Logger): IstioObject | undefined {
  const metadata: Record<string, unknown> = { ...raw.metadata };
  delete metadata.managedFields;
  const candidate = { ...raw, apiVersion: raw.apiVersion ?? apiVersionOf(kind), kind, metadata };
  const parsed = SCHEMAS[kind].safeParse(candidate);
  if (!parsed.success) {
    logger?.warn(
      { kind, name: raw.metadata?.name, namespace: raw.metadata?.namespace },
      'skipping an Istio object the model cannot read',
    );
    return undefined;
  }
  return deepFreeze(parsed.data as IstioObject);
}

export function buildKubeSnapshot(caches: KubeCaches): MeshSnapshot {
  const istio = caches.istio;
  const services = caches.services.flatMap((raw) => {
    const parsed = serviceSchema.safeParse({ ...raw, kind: 'Service', metadata: wireMetadata(raw.metadata) });
    return parsed.success ? [parsed.data as Service] : [];
  });
  const workloads = [
    ...caches.deployments.flatMap((raw) => optional(workloadFromManifest({ ...asRecord(raw), kind: 'Deployment' }))),
    // Pods owned by a ReplicaSet belong to their Deployment; only bare pods are workloads of their own.
    ...caches.pods
      .filter((raw) => (raw.metadata?.ownerReferences ?? []).length === 0)
      .flatMap((raw) => optional(workloadFromManifest({ ...asRecord(raw), kind: 'Pod' }))),
  ];
  const namespaces = new Set<string>();
  for (const raw of caches.namespaces) if (raw.metadata?.name) namespaces.add(raw.metadata.name);
  // RBAC may hide the namespace list; namespaces that hold objects are known anyway.
  for (const o of [...istio, ...services, ...workloads]) {
    const ns = 'metadata' in o ? o.metadata.namespace : o.namespace;
    if (ns) namespaces.add(ns);
  }
  return deepFreeze({
    namespaces: [...namespaces].sort(),
    services,
    workloads,
    pods: podSummaries(caches.pods, caches.replicaSets),
    virtualServices: istio.filter((o) => o.kind === 'VirtualService'),
    destinationRules: istio.filter((o) => o.kind === 'DestinationRule'),
    gateways: istio.filter((o) => o.kind === 'Gateway'),
    httpRoutes: istio.filter((o) => o.kind === 'HTTPRoute'),
    grpcRoutes: istio.filter((o) => o.kind === 'GRPCRoute'),
    tcpRoutes: istio.filter((o) => o.kind === 'TCPRoute'),
    kubeGateways: (caches.kubeGateways ?? []).flatMap((raw) => {
      const parsed = kubeGatewaySchema.safeParse({
        ...raw,
        apiVersion: raw.apiVersion ?? 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: wireMetadata(raw.metadata),
      });
      return parsed.success ? [parsed.data as KubeGateway] : [];
    }),
  });
}

/**
 * Whether resourceVersion `a` is newer than `b`. Kubernetes calls them opaque, but etcd-backed ones
 * are increasing integers; compare numerically when both are, otherwise treat a change as newer.
 */
export function isNewer(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return BigInt(a) > BigInt(b);
  return a !== b;
}

/**
 * Typed list answers of client-node carry Dates (creationTimestamp) where watch events carry the
 * wire's RFC 3339 strings; the model reads the wire form, so without this every listed Service
 * would fail to parse and only ones added later by the watch would be seen.
 */
function wireMetadata(metadata: KubernetesObject['metadata']): Record<string, unknown> {
  const out: Record<string, unknown> = { ...metadata };
  for (const [key, value] of Object.entries(out)) {
    if (value instanceof Date) out[key] = value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return out;
}

function asRecord(raw: KubernetesObject): Record<string, unknown> {
  return raw as unknown as Record<string, unknown>;
}

function optional(workload: Workload | undefined): Workload[] {
  return workload ? [workload] : [];
}
