import {
  canonicalRevision,
  canonicalService,
  type GraphNode,
  type NodeFlags,
  type ServiceSplit,
  type Workload,
} from '@sluice/model';
import { serviceHost, type MeshIndex } from '../samples/mesh-index';
import { mergeFlags } from './node-flags';
import type { NodeIdentity, NodeSpec } from './node-identity';
import type { GraphShape } from './hop-path';

/*
 * The node set. Every Service and workload of the selected namespaces is a node even without
 * traffic, so the graph still draws the topology from config when metrics are down; traffic adds
 * the nodes it touches elsewhere (callers from other namespaces, unknown sources).
 */

export class NodeSet {
  private readonly nodes = new Map<string, NodeSpec>();
  /** Workloads behind each workload-derived node, to badge it when no service node carries the flags. */
  private readonly workloads = new Map<string, Set<Workload>>();

  /** `trackWorkloads`: only needed when no service nodes carry the badges (it costs a set per node). */
  constructor(private readonly trackWorkloads: boolean) {}

  add(node: NodeSpec, workload?: Workload): void {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
    if (workload && this.trackWorkloads) {
      const set = this.workloads.get(node.id) ?? new Set<Workload>();
      set.add(workload);
      this.workloads.set(node.id, set);
    }
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  /** Nodes with flags: a service node gets its VirtualServices' flags; others only when service nodes are not drawn. */
  toNodes(
    flagsByHost: Map<string, NodeFlags>,
    shape: GraphShape,
    index: MeshIndex,
    splits: ReadonlyMap<string, ServiceSplit[]> = new Map(),
  ): GraphNode[] {
    const serviceNodesDrawn = shape.graphType === 'service' || shape.injectServiceNodes;
    return [...this.nodes.values()].map((node) => {
      let flags: NodeFlags = {};
      if (node.kind === 'service') flags = flagsByHost.get(`${node.name}.${node.namespace}.svc.cluster.local`) ?? {};
      else if (!serviceNodesDrawn) {
        for (const w of this.workloads.get(node.id) ?? []) {
          for (const s of index.servicesOf(w)) flags = mergeFlags(flags, flagsByHost.get(serviceHost(s)));
        }
      }
      const nodeSplits = node.kind === 'service' ? splits.get(node.id) : undefined;
      return nodeSplits ? { ...node, flags, splits: nodeSplits } : { ...node, flags };
    });
  }
}

export function addTopology(nodes: NodeSet, namespaces: readonly string[], shape: GraphShape, ids: NodeIdentity): void {
  const { index } = ids;
  const services = shape.graphType === 'service' || shape.injectServiceNodes;
  for (const ns of namespaces) {
    if (services) {
      for (const s of index.snapshot.services) {
        if ((s.metadata.namespace ?? 'default') === ns) nodes.add(ids.service(ns, s.metadata.name));
      }
    }
    for (const w of index.workloadsIn(ns)) {
      const node = ids.workload({
        namespace: ns,
        workload: w.name,
        canonical: canonicalService(w),
        revision: canonicalRevision(w),
      });
      // In the service graph, workloads appear only as the ingress or as the Service that selects them.
      if (shape.graphType === 'service' && node.kind !== 'ingress') continue;
      nodes.add(node, w);
    }
  }
}
