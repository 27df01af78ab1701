import type { Graph, GraphQuery, MeshSnapshot, TrafficWindow } from '@sluice/model';
import { EdgeSet } from './edge-aggregation';
import { hopSegments, mirrorSegment, type GraphShape, type Segment } from './hop-path';
import { createMeshIndex } from '../samples/mesh-index';
import { collectMirrorTargets } from '../samples/mirror-targets';
import { flagsByServiceHost } from './node-flags';
import { chooseReporters, serviceHostOf } from '../samples/reporter-choice';
import { ScopeSplits } from './scope-splits';
import { correctForWorkloadAge } from './workload-age';
import type { NormalisedLabels } from '../samples/sample-keys';
import { chooseLatencyQuantiles, chooseTcp } from '../samples/series-choice';
import { NodeIdentity } from './node-identity';
import { NodeSet, addTopology } from './topology';

/*
 * The service graph for GET /api/graph: topology from config, traffic from samples. Pure apart from
 * reading the clock when there is no traffic window to take a timestamp from. `traffic` undefined
 * (metrics down) gives every node and no edges; the caller sets `metricsError`.
 *
 * Pipeline: samples -> hops (reporter choice, mirror split; ./reporter-choice) -> segments per graph
 * type (./hop-path) -> edges (./edge-aggregation) -> shares; nodes from config (./topology) plus
 * whatever the edges touch, badged by the VirtualServices that apply (./node-flags).
 */
export function buildGraph(snapshot: MeshSnapshot, traffic: TrafficWindow | undefined, query: GraphQuery): Graph {
  const index = createMeshIndex(snapshot);
  const shape: GraphShape = { graphType: query.graphType, injectServiceNodes: query.injectServiceNodes };
  const nodes = new NodeSet(!(shape.graphType === 'service' || shape.injectServiceNodes));
  const ids = new NodeIdentity(shape.graphType, index);
  addTopology(nodes, query.namespaces, shape, ids);
  const edges = new EdgeSet();
  const splits = new ScopeSplits(index);
  if (traffic)
    addTraffic(correctForWorkloadAge(traffic, index), new Set(query.namespaces), shape, ids, nodes, edges, splits);
  return {
    timestamp: traffic?.timestamp ?? new Date().toISOString(),
    window: query.window,
    graphType: query.graphType,
    nodes: nodes.toNodes(flagsByServiceHost(index), shape, index, splits.toSplits()),
    edges: edges.toEdges(),
  };
}

function addTraffic(
  traffic: TrafficWindow,
  selected: Set<string>,
  shape: GraphShape,
  ids: NodeIdentity,
  nodes: NodeSet,
  edges: EdgeSet,
  splits: ScopeSplits,
): void {
  const index = ids.index;
  const inScope = (l: NormalisedLabels) =>
    selected.has(l.sourceWorkloadNamespace) ||
    selected.has(l.destinationServiceNamespace) ||
    selected.has(l.destinationWorkloadNamespace);
  const touch = (l: NormalisedLabels, segment: Segment): Segment => {
    const [from, to] = segment;
    nodes.add(from, from.kind === 'service' ? undefined : index.workload(l.sourceWorkloadNamespace, l.sourceWorkload));
    nodes.add(
      to,
      to.kind === 'service' ? undefined : index.workload(l.destinationWorkloadNamespace, l.destinationWorkload),
    );
    return segment;
  };

  const latencies = chooseLatencyQuantiles(traffic.latencies);
  const mirrors = collectMirrorTargets(index, index.snapshot.virtualServices);
  for (const hop of chooseReporters(traffic.requests, mirrors)) {
    const l = hop.labels;
    if (!inScope(l)) continue;
    const protocol = l.requestProtocol === 'grpc' ? 'grpc' : 'http';
    const latency = latencies.get(l.key);
    if (hop.live.length > 0) {
      const service = ids.destinationService(l);
      if (service) splits.addRequests(service.id, l, serviceHostOf(l), hop.live);
      for (const segment of hopSegments(l, shape, ids)) {
        const [from, to] = touch(l, segment);
        edges.addRequests(from, to, protocol, hop.live, latency);
      }
    }
    if (hop.retried.length > 0) {
      for (const segment of hopSegments(l, shape, ids)) {
        const [from, to] = touch(l, segment);
        edges.addRetries(from, to, protocol, hop.retried);
      }
    }
    if (hop.mirrored.length > 0) {
      const [from, to] = touch(l, mirrorSegment(l, shape, ids));
      edges.addRequests(from, to, protocol, hop.mirrored, undefined, true);
    }
  }
  for (const hop of chooseTcp(traffic.tcp)) {
    if (!inScope(hop.labels)) continue;
    const service = ids.destinationService(hop.labels);
    if (service)
      splits.addTcp(service.id, hop.labels, serviceHostOf(hop.labels), hop.connectionsPerSec, hop.bytesPerSec);
    for (const segment of hopSegments(hop.labels, shape, ids)) {
      const [from, to] = touch(hop.labels, segment);
      edges.addTcp(from, to, hop.connectionsPerSec, hop.bytesPerSec);
    }
  }
}
