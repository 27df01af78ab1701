import { scenarioSimulator } from '@sluice/mesh-sim/testing';
import { describe, expect, it } from 'vitest';
import { graphQuery } from '../traffic/sim-test-kit';
import { buildGraph } from './build-graph';

/*
 * Edge labels p50 / p95 / p99 (issue 18): an edge carrying one hop shows that hop's quantiles as the
 * caller's proxy reported them (the same reporter choice as p95), in order.
 */
describe('graph edge latency quantiles', () => {
  it('a one-hop edge carries the source-reported p50, p95 and p99 of its hop, p50 <= p95 <= p99', () => {
    const mesh = scenarioSimulator(['bookinfo']);
    mesh.sim.advance(30_000);
    const traffic = mesh.sim.query(30, ['bookinfo']);
    const graph = buildGraph(mesh.config.snapshot(), traffic, {
      ...graphQuery(['bookinfo']),
      injectServiceNodes: false,
    });
    const edge = graph.edges.find(
      (e) => e.source === 'app:bookinfo:productpage:v1' && e.target === 'app:bookinfo:details:v1',
    );
    const hop = traffic.latencies.find(
      (s) => s.reporter === 'source' && s.sourceWorkload === 'productpage-v1' && s.destinationWorkload === 'details-v1',
    );
    expect(hop?.p50Ms).toBeDefined();
    expect(edge?.latencyP50Ms).toBeCloseTo(hop?.p50Ms ?? -1, 9);
    expect(edge?.latencyP95Ms).toBeCloseTo(hop?.p95Ms ?? -1, 9);
    expect(edge?.latencyP99Ms).toBeCloseTo(hop?.p99Ms ?? -1, 9);
    expect(edge?.latencyP50Ms ?? 0).toBeLessThanOrEqual(edge?.latencyP95Ms ?? 0);
    expect(edge?.latencyP95Ms ?? 0).toBeLessThanOrEqual(edge?.latencyP99Ms ?? 0);
  });
});
