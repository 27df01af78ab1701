import {
  destinationRuleSchema,
  gatewaySchema,
  serviceSchema,
  virtualServiceSchema,
  type MeshSnapshot,
  type Workload,
} from '@sluice/model';
import type { KubeManifest } from './load-manifests';

/* Kubernetes manifests -> the MeshSnapshot routing and the simulator read. */

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {};
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v))) if (x !== undefined && x !== null) out[k] = String(x);
  return out;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** A controller's pods carry its template labels; a bare Pod is a workload of one. */
export function workloadFromManifest(o: KubeManifest, fallbackNamespace = 'default'): Workload | undefined {
  const namespace = o.metadata?.namespace ?? fallbackNamespace;
  const name = o.metadata?.name;
  if (!name || !o.kind) return undefined;
  const spec = obj(o.spec);
  if (o.kind === 'Pod') {
    return { namespace, name, kind: 'Pod', labels: stringRecord(obj(o.metadata).labels), replicas: 1 };
  }
  if (!WORKLOAD_KINDS.has(o.kind)) return undefined;
  const template = obj(obj(spec.template).metadata);
  // A controller that has reported status says how many pods are ready to take traffic; plain
  // manifests (and API servers without controllers) only have the desired count.
  const status = obj(o.status);
  const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const replicas = typeof status.replicas === 'number' ? (typeof status.readyReplicas === 'number' ? status.readyReplicas : 0) : desired;
  return { namespace, name, kind: o.kind as Workload['kind'], labels: stringRecord(template.labels), replicas };
}

export function snapshotFromManifests(objects: readonly KubeManifest[]): MeshSnapshot {
  const snapshot: MeshSnapshot = { namespaces: [], services: [], workloads: [], virtualServices: [], destinationRules: [], gateways: [] };
  const namespaces = new Set<string>();
  // Objects without a namespace land in "default", as `kubectl apply` would put them.
  const withNs = <T extends { metadata: { namespace?: string | undefined } }>(x: T): T => {
    const ns = x.metadata.namespace ?? 'default';
    namespaces.add(ns);
    return { ...x, metadata: { ...x.metadata, namespace: ns } };
  };
  for (const o of objects) {
    switch (o.kind) {
      case 'Namespace':
        if (o.metadata?.name) namespaces.add(o.metadata.name);
        break;
      case 'Service': {
        const parsed = serviceSchema.safeParse(o);
        if (parsed.success) snapshot.services.push(withNs(parsed.data));
        break;
      }
      case 'VirtualService': {
        const parsed = virtualServiceSchema.safeParse(o);
        if (parsed.success) snapshot.virtualServices.push(withNs(parsed.data));
        break;
      }
      case 'DestinationRule': {
        const parsed = destinationRuleSchema.safeParse(o);
        if (parsed.success) snapshot.destinationRules.push(withNs(parsed.data));
        break;
      }
      case 'Gateway': {
        const parsed = gatewaySchema.safeParse(o);
        if (parsed.success) snapshot.gateways.push(withNs(parsed.data));
        break;
      }
      default: {
        const w = workloadFromManifest(o);
        if (w) {
          namespaces.add(w.namespace);
          snapshot.workloads.push(w);
        }
      }
    }
  }
  snapshot.namespaces = [...namespaces].sort();
  return snapshot;
}
