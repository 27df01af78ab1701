import { canonicalRevision, canonicalService, type GraphNode, type GraphType } from '@sluice/model';
import type { MeshIndex } from '../samples/mesh-index';
import type { NormalisedLabels } from '../samples/sample-keys';

/*
 * Node identity per graph type. The same workload is one node per version in versionedApp, one node
 * per app in app, itself in workload, and the Service that selects it in the service graph. Ids are
 * stable strings so the web can keep a layout across refreshes.
 */

export type NodeSpec = Omit<GraphNode, 'flags'>;

export const UNKNOWN_NODE: NodeSpec = { id: 'unknown', kind: 'unknown', namespace: 'unknown', name: 'unknown' };

export interface WorkloadRef {
  namespace: string;
  workload: string;
  /** Canonical service / revision labels from the metric ("" when missing). */
  canonical: string;
  revision: string;
}

export function serviceNode(namespace: string, name: string): NodeSpec {
  return { id: `service:${namespace}:${name}`, kind: 'service', namespace, name };
}

/**
 * The ingress gateway is drawn as the mesh's entry point whatever the graph type. A Gateway API
 * Gateway's own deployment (Istio labels it gateway.networking.k8s.io/gateway-name) is one too.
 */
export function isIngress(ref: WorkloadRef, index: MeshIndex): boolean {
  if (ref.workload.startsWith('istio-ingressgateway') || ref.canonical === 'istio-ingressgateway') return true;
  const labels = index.workload(ref.namespace, ref.workload)?.labels;
  return labels?.istio === 'ingressgateway' || labels?.['gateway.networking.k8s.io/gateway-name'] !== undefined;
}

export function workloadNode(ref: WorkloadRef, graphType: GraphType, index: MeshIndex): NodeSpec {
  const { namespace, workload } = ref;
  const known = index.workload(namespace, workload);
  const app = ref.canonical || (known ? canonicalService(known) : workload);
  const version = ref.revision || (known ? canonicalRevision(known) : 'latest');
  if (isIngress(ref, index))
    return { id: `ingress:${namespace}:${app}`, kind: 'ingress', namespace, name: app, app, workload };
  switch (graphType) {
    case 'workload':
      return {
        id: `workload:${namespace}:${workload}`,
        kind: 'workload',
        namespace,
        name: workload,
        app,
        version,
        workload,
      };
    case 'app':
      return { id: `app:${namespace}:${app}`, kind: 'app', namespace, name: app, app };
    case 'service': {
      // The service graph has no workloads: a caller is drawn as the Service that selects it.
      const service = known ? index.servicesOf(known)[0] : undefined;
      if (service) return serviceNode(namespace, service.metadata.name);
      return { id: `app:${namespace}:${app}`, kind: 'app', namespace, name: app, app };
    }
    case 'versionedApp':
      return { id: `app:${namespace}:${app}:${version}`, kind: 'app', namespace, name: app, app, version, workload };
  }
}

/**
 * Node specs memoised per build: a 1,000-service mesh has tens of thousands of hops over a few
 * thousand nodes, and reusing one id string per node keeps every later Map lookup on a hashed string.
 */
export class NodeIdentity {
  private readonly workloads = new Map<string, Map<string, { canonical: string; revision: string; node: NodeSpec }>>();
  private readonly services = new Map<string, Map<string, NodeSpec>>();

  constructor(
    readonly graphType: GraphType,
    readonly index: MeshIndex,
  ) {}

  workload(ref: WorkloadRef): NodeSpec {
    let inNs = this.workloads.get(ref.namespace);
    if (!inNs) this.workloads.set(ref.namespace, (inNs = new Map()));
    const hit = inNs.get(ref.workload);
    if (hit && hit.canonical === ref.canonical && hit.revision === ref.revision) return hit.node;
    const node = workloadNode(ref, this.graphType, this.index);
    // Pods of one workload normally agree on their labels; a mid-rollout mix just misses the cache.
    inNs.set(ref.workload, { canonical: ref.canonical, revision: ref.revision, node });
    return node;
  }

  service(namespace: string, name: string): NodeSpec {
    let inNs = this.services.get(namespace);
    if (!inNs) this.services.set(namespace, (inNs = new Map()));
    let node = inNs.get(name);
    if (!node) inNs.set(name, (node = serviceNode(namespace, name)));
    return node;
  }

  source(l: NormalisedLabels): NodeSpec {
    if (!l.sourceWorkload || !l.sourceWorkloadNamespace) return UNKNOWN_NODE;
    return this.workload({
      namespace: l.sourceWorkloadNamespace,
      workload: l.sourceWorkload,
      canonical: l.sourceCanonicalService,
      revision: l.sourceCanonicalRevision,
    });
  }

  /** The destination workload's node, or undefined when the request never reached a known workload. */
  destinationWorkload(l: NormalisedLabels, graphType: GraphType = this.graphType): NodeSpec | undefined {
    if (!l.destinationWorkload || !l.destinationWorkloadNamespace) return undefined;
    const ref = {
      namespace: l.destinationWorkloadNamespace,
      workload: l.destinationWorkload,
      canonical: l.destinationCanonicalService,
      revision: l.destinationCanonicalRevision,
    };
    return graphType === this.graphType ? this.workload(ref) : workloadNode(ref, graphType, this.index);
  }

  destinationService(l: NormalisedLabels): NodeSpec | undefined {
    const name = l.destinationServiceName || l.destinationService.split('.')[0];
    if (!name || !l.destinationServiceNamespace) return undefined;
    return this.service(l.destinationServiceNamespace, name);
  }
}
