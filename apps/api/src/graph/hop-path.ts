import type { GraphType } from '@sluice/model';
import type { MeshIndex } from './mesh-index';
import {
  UNKNOWN_NODE,
  destinationServiceNode,
  destinationWorkloadNode,
  sourceNode,
  workloadNode,
  type NodeSpec,
} from './node-identity';
import type { NormalisedLabels } from './sample-keys';

/*
 * The edges one hop is drawn on. With service nodes injected, a request from productpage to
 * reviews v3 is two edges, productpage -> reviews (service) -> reviews v3, so the service node's
 * outgoing edges show the version split. A hop that never reached a workload stops at the service
 * node (or at "unknown" when even the service is unknown).
 */

export interface GraphShape {
  graphType: GraphType;
  injectServiceNodes: boolean;
}

export type Segment = readonly [from: NodeSpec, to: NodeSpec];

export function hopSegments(l: NormalisedLabels, shape: GraphShape, index: MeshIndex): Segment[] {
  const source = sourceNode(l, shape.graphType, index);
  const service = destinationServiceNode(l);
  if (shape.graphType === 'service') return [[source, service ?? serviceGraphTarget(l, index)]];
  const workload = destinationWorkloadNode(l, shape.graphType, index);
  if (shape.injectServiceNodes && service) return workload ? [[source, service], [service, workload]] : [[source, service]];
  return [[source, workload ?? service ?? UNKNOWN_NODE]];
}

/** A mirrored copy is drawn straight from the client to the mirror target, beside the live path. */
export function mirrorSegment(l: NormalisedLabels, shape: GraphShape, index: MeshIndex): Segment {
  const source = sourceNode(l, shape.graphType, index);
  const service = destinationServiceNode(l);
  if (shape.graphType === 'service') return [source, service ?? serviceGraphTarget(l, index)];
  return [source, destinationWorkloadNode(l, shape.graphType, index) ?? service ?? UNKNOWN_NODE];
}

function serviceGraphTarget(l: NormalisedLabels, index: MeshIndex): NodeSpec {
  if (!l.destinationWorkload || !l.destinationWorkloadNamespace) return UNKNOWN_NODE;
  const ref = {
    namespace: l.destinationWorkloadNamespace,
    workload: l.destinationWorkload,
    canonical: l.destinationCanonicalService,
    revision: l.destinationCanonicalRevision,
  };
  return workloadNode(ref, 'service', index);
}
