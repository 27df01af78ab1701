import type { KubernetesObject } from '@kubernetes/client-node';
import { ISTIO_PROXY_CONTAINER, podPhaseSchema, podVersion, type PodSummary } from '@sluice/model';

/*
 * Real Pods as the model's PodSummary, each naming the workload it belongs to (decision 0087):
 * a pod's controller is followed through its ReplicaSet to the Deployment that owns that ReplicaSet,
 * by ownerReferences only. A ReplicaSet's name starts with its Deployment's, but so can a hand-made
 * ReplicaSet's (`reviews-v1-canary` looks like a ReplicaSet of `reviews-v1`), so names are not read.
 */

interface OwnerReference {
  kind?: string;
  name?: string;
  controller?: boolean;
}
interface ContainerStatus {
  name?: string;
  ready?: boolean;
  restartCount?: number;
}
interface Container {
  name?: string;
  restartPolicy?: string;
}
interface RawPod {
  metadata?: KubernetesObject['metadata'];
  spec?: { containers?: Container[]; initContainers?: Container[]; nodeName?: string };
  status?: {
    phase?: string;
    startTime?: string | Date;
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

/** The reference of the object that controls this one (controller: true), else its only owner. */
export function controllerOf(meta: KubernetesObject['metadata']): OwnerReference | undefined {
  const refs = (meta?.ownerReferences ?? []) as OwnerReference[];
  return refs.find((r) => r.controller) ?? (refs.length === 1 ? refs[0] : undefined);
}

/** `namespace/replicaset` -> the Deployment controlling it, for ReplicaSets a Deployment controls. */
export function deploymentsByReplicaSet(replicaSets: readonly KubernetesObject[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const rs of replicaSets) {
    const owner = controllerOf(rs.metadata);
    if (owner?.kind === 'Deployment' && owner.name && rs.metadata?.name) {
      out.set(`${rs.metadata.namespace ?? ''}/${rs.metadata.name}`, owner.name);
    }
  }
  return out;
}

/**
 * The workload name a pod belongs to: its ReplicaSet's Deployment; the ReplicaSet itself when no
 * Deployment controls it (or it is not seen yet: better unattributed than guessed from a name);
 * another controller (StatefulSet, DaemonSet, Job) directly; the pod's own name when it is bare.
 */
export function ownerWorkload(pod: KubernetesObject, deployments: Map<string, string>): string {
  const name = pod.metadata?.name ?? '';
  const owner = controllerOf(pod.metadata);
  if (!owner?.name) return name;
  if (owner.kind === 'ReplicaSet')
    return deployments.get(`${pod.metadata?.namespace ?? ''}/${owner.name}`) ?? owner.name;
  return owner.name;
}

/** Native sidecars (Istio 1.24+ on Kubernetes 1.29+) are init containers that keep running. */
function isSidecarInit(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

function wireTime(value: string | Date | undefined): string | undefined {
  if (value instanceof Date) return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return typeof value === 'string' ? value : undefined;
}

export function toPodSummary(raw: KubernetesObject, deployments: Map<string, string>): PodSummary | undefined {
  const pod = raw as RawPod;
  const name = pod.metadata?.name;
  if (!name) return undefined;
  const labels = pod.metadata?.labels ?? {};
  const sidecarInits = (pod.spec?.initContainers ?? []).filter(isSidecarInit);
  const containers = [...(pod.spec?.containers ?? []), ...sidecarInits];
  const sidecarNames = new Set(sidecarInits.map((c) => c.name));
  const statuses = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []).filter((s) => sidecarNames.has(s.name)),
  ];
  const phase = podPhaseSchema.safeParse(pod.status?.phase ?? 'Pending');
  const startTime = wireTime(pod.status?.startTime);
  return {
    namespace: pod.metadata?.namespace ?? 'default',
    name,
    labels,
    version: podVersion(labels),
    phase: phase.success ? phase.data : 'Unknown',
    readyContainers: statuses.filter((s) => s.ready).length,
    containers: containers.length,
    restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
    sidecar: containers.some((c) => c.name === ISTIO_PROXY_CONTAINER),
    ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}),
    ...(startTime ? { startTime } : {}),
    ownerWorkload: ownerWorkload(raw, deployments),
  };
}

export function podSummaries(
  pods: readonly KubernetesObject[],
  replicaSets: readonly KubernetesObject[],
): PodSummary[] {
  const deployments = deploymentsByReplicaSet(replicaSets);
  return pods.flatMap((raw) => {
    const pod = toPodSummary(raw, deployments);
    return pod ? [pod] : [];
  });
}
