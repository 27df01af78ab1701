import { z } from 'zod';
import { objectMetaSchema } from './istio';

/*
 * The Kubernetes shapes the console needs, reduced to what routing and the graph use. Stores map
 * real Services/Deployments/Pods onto these; the demo builds them from scenario manifests.
 */

export const servicePortSchema = z.looseObject({
  name: z.string().optional(),
  port: z.number().int(),
  targetPort: z.union([z.number().int(), z.string()]).optional(),
  protocol: z.string().optional(),
  /** e.g. "http", "grpc", "tcp": Istio's protocol selection also reads the port name prefix. */
  appProtocol: z.string().optional(),
});
export type ServicePort = z.infer<typeof servicePortSchema>;

export const serviceSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.literal('Service').optional(),
  metadata: objectMetaSchema,
  spec: z.looseObject({
    selector: z.record(z.string(), z.string()).optional(),
    ports: z.array(servicePortSchema).optional(),
    type: z.string().optional(),
  }),
});
export type Service = z.infer<typeof serviceSchema>;

/** A workload is a Deployment (or a bare Pod group) with the labels its pods carry. */
export const workloadSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  kind: z.enum(['Deployment', 'Pod', 'StatefulSet', 'DaemonSet', 'ReplicaSet']).default('Deployment'),
  /** Pod template labels: `app` and `version` (or the canonical-service labels) drive subsets. */
  labels: z.record(z.string(), z.string()),
  replicas: z.number().int().nonnegative(),
  /** When the workload was created (metadata.creationTimestamp, RFC 3339): its metrics are no older. */
  createdAt: z.string().optional(),
});
export type Workload = z.infer<typeof workloadSchema>;

/** The canonical name/revision Istio derives for a workload (service.istio.io labels first). */
export function canonicalService(workload: Pick<Workload, 'name' | 'labels'>): string {
  return (
    workload.labels['service.istio.io/canonical-name'] ??
    workload.labels['app.kubernetes.io/name'] ??
    workload.labels.app ??
    workload.name
  );
}
export function canonicalRevision(workload: Pick<Workload, 'labels'>): string {
  return (
    workload.labels['service.istio.io/canonical-revision'] ??
    workload.labels['app.kubernetes.io/version'] ??
    workload.labels.version ??
    'latest'
  );
}

/** The namespace an object lives in: Kubernetes' `default` when its manifest leaves it out. */
export const nsOf = (obj: { metadata: { namespace?: string | undefined } }): string =>
  obj.metadata.namespace ?? 'default';

export function selectorMatches(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
