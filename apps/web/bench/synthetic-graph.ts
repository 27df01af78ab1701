import type { Graph, GraphEdge, GraphNode } from '@sluice/model';

/**
 * A mesh shaped like the simulator's --scale mesh: units of one service node and two version nodes
 * (90/10 split), each version calling two other services. `nodes` is rounded up to whole units.
 */
export function syntheticGraph(nodeCount: number, variant = 0): Graph {
  const units = Math.max(1, Math.ceil(nodeCount / 3));
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const ns = (i: number) => `ns-${i % 10}`;
  const edge = (source: string, target: string, rps: number, share: number, errorRate = 0): GraphEdge => ({
    id: `${source}->${target}`,
    source,
    target,
    protocol: 'http',
    rps,
    share,
    errorRate,
    responses: { '200': rps * (1 - errorRate), ...(errorRate ? { '503': rps * errorRate } : {}) },
    latencyP95Ms: 20 + ((rps * 7) % 80),
  });
  for (let i = 0; i < units; i++) {
    const svc = `service:${ns(i)}:svc-${i}`;
    nodes.push({
      id: svc,
      kind: 'service',
      namespace: ns(i),
      name: `svc-${i}`,
      flags: { virtualService: true, trafficShifting: true },
    });
    for (const v of ['v1', 'v2']) {
      nodes.push({
        id: `app:${ns(i)}:svc-${i}:${v}`,
        kind: 'app',
        namespace: ns(i),
        name: `svc-${i}`,
        app: `svc-${i}`,
        version: v,
        flags: {},
      });
    }
    const rps = 10 + ((i * 37 + variant * 11) % 50);
    edges.push(edge(svc, `app:${ns(i)}:svc-${i}:v1`, rps * 0.9, 0.9));
    edges.push(edge(svc, `app:${ns(i)}:svc-${i}:v2`, rps * 0.1, 0.1, (i + variant) % 17 === 0 ? 0.08 : 0));
  }
  for (let i = 0; i < units; i++) {
    for (const k of [7, 13]) {
      const j = (i * k + 1) % units;
      if (j <= i) continue; // keep it a DAG, as real call graphs mostly are
      edges.push(edge(`app:${ns(i)}:svc-${i}:v1`, `service:${ns(j)}:svc-${j}`, 5 + ((i + variant) % 9), 0.5));
    }
  }
  return { timestamp: new Date().toISOString(), window: '30s', graphType: 'versionedApp', nodes, edges };
}
