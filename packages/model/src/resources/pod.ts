import { z } from 'zod';
import { canonicalRevision } from './kube';

/*
 * A pod as the workload and app pages list it: what `kubectl get pods` shows plus the Istio facts
 * (version, sidecar). Stores that see pods fill MeshSnapshot.pods with these; the mapping from a
 * real Pod (owner chain, container statuses) lives in the Kubernetes store, the demo's in fixtures.
 */

/** The container Istio injects; a pod with it is in the mesh (gateways run it as their only container). */
export const ISTIO_PROXY_CONTAINER = 'istio-proxy';

export const podPhaseSchema = z.enum(['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']);
export type PodPhase = z.infer<typeof podPhaseSchema>;

export const podSummarySchema = z.object({
  namespace: z.string(),
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  /** Istio's canonical revision from the pod's own labels (service.istio.io/canonical-revision, version, ...). */
  version: z.string(),
  phase: podPhaseSchema,
  /** Containers reporting ready, of `containers` (init containers not counted), as kubectl's READY column. */
  readyContainers: z.number().int().nonnegative(),
  containers: z.number().int().nonnegative(),
  /** Restarts summed over the pod's containers. */
  restarts: z.number().int().nonnegative(),
  /** Whether the pod has an `istio-proxy` container (injected sidecar, or a gateway's proxy). */
  sidecar: z.boolean(),
  /** The node it was scheduled to; absent while pending. */
  node: z.string().optional(),
  /** status.startTime (RFC 3339): when the kubelet took the pod; absent before that. */
  startTime: z.string().optional(),
  /**
   * The name of the model Workload (same namespace) the pod belongs to: the Deployment owning its
   * ReplicaSet, another controller that owns it directly, or the pod itself when bare (decision 0087).
   */
  ownerWorkload: z.string(),
});
export type PodSummary = z.infer<typeof podSummarySchema>;

/** Pods of one workload, by name (stable order for tables and tests). */
export function podsOfWorkload(
  pods: readonly PodSummary[] | undefined,
  namespace: string,
  workload: string,
): PodSummary[] {
  return (pods ?? [])
    .filter((p) => p.namespace === namespace && p.ownerWorkload === workload)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The canonical revision of a pod's labels, as for workloads. */
export const podVersion = (labels: Record<string, string>): string => canonicalRevision({ labels });
