import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { graphSchema, type RequestSample } from '@sluice/model';
import { buildGraph } from './build-graph';
import { bookinfo, req, virtualService } from './test-kit';

/* Whatever the samples, the graph is well-formed: shares per source/protocol sum to 1, rates add up. */

const workloads = ['productpage-v1', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings-v1', 'details-v1', ''];
const sampleArb = fc
  .record({
    from: fc.constantFrom('productpage-v1', 'reviews-v2', 'istio-ingressgateway', 'unknown'),
    to: fc.constantFrom(...workloads),
    reporter: fc.constantFrom('source' as const, 'destination' as const),
    code: fc.constantFrom('200', '503', '555', '0', '504'),
    flags: fc.constantFrom('-', 'FI', 'UT', 'DI,FI', 'UH'),
    rps: fc.double({ min: 0.01, max: 100, noNaN: true }),
  })
  .map((h): RequestSample => {
    const svc = h.to ? h.to.replace(/-v\d+$/, '') : 'reviews';
    return req({ ...h, svc });
  });

const mirrorVs = virtualService('bookinfo', 'reviews', {
  hosts: ['reviews'],
  http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }], mirror: { host: 'reviews', subset: 'v2' } }],
});

describe('buildGraph properties', () => {
  it('shares sum to 1 per source and protocol; error rates in 0..1; schema holds', () => {
    fc.assert(
      fc.property(
        fc.array(sampleArb, { maxLength: 40 }),
        fc.constantFrom('versionedApp', 'app', 'workload', 'service'),
        fc.boolean(),
        (requests, graphType, inject) => {
          const g = buildGraph(
            bookinfo({ virtualServices: [mirrorVs] }),
            { timestamp: 't', window: '30s', requests, latencies: [], tcp: [] },
            { namespaces: ['bookinfo'], graphType, window: '30s', injectServiceNodes: inject },
          );
          graphSchema.parse(g);
          const totals = new Map<string, { share: number; rps: number }>();
          for (const e of g.edges) {
            if (e.mirrored) continue;
            const t = totals.get(`${e.source}|${e.protocol}`) ?? { share: 0, rps: 0 };
            totals.set(`${e.source}|${e.protocol}`, { share: t.share + e.share, rps: t.rps + e.rps });
          }
          // A source whose edges carry only retried attempts (rps 0) has nothing to share out.
          for (const t of totals.values()) expect(t.share).toBeCloseTo(t.rps > 0 ? 1 : 0, 6);
          const ids = new Set(g.nodes.map((n) => n.id));
          for (const e of g.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
