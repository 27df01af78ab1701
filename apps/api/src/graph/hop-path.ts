import type { NodeIdentity, NodeSpec } from './node-identity';
import { UNKNOWN_NODE } from './node-identity';
import type { NormalisedLabels } from '../samples/sample-keys';
import type { GraphType } from '@sluice/model';

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

export function hopSegments(l: NormalisedLabels, shape: GraphShape, ids: NodeIdentity): Segment[] {
  const source = ids.source(l);
  const service = ids.destinationService(l);
  if (shape.graphType === 'service') return [[source, service ?? ids.destinationWorkload(l) ?? UNKNOWN_NODE]];
  const workload = ids.destinationWorkload(l);
  if (shape.injectServiceNodes && service)
    return workload
      ? [
          [source, service],
          [service, workload],
        ]
      : [[source, service]];
  return [[source, workload ?? service ?? UNKNOWN_NODE]];
}

/** A mirrored copy is drawn straight from the client to the mirror target, beside the live path. */
export function mirrorSegment(l: NormalisedLabels, shape: GraphShape, ids: NodeIdentity): Segment {
  const source = ids.source(l);
  const service = ids.destinationService(l);
  if (shape.graphType === 'service') return [source, service ?? ids.destinationWorkload(l) ?? UNKNOWN_NODE];
  return [source, ids.destinationWorkload(l) ?? service ?? UNKNOWN_NODE];
}
