import { describe, expect, it } from 'vitest';
import { createStaticConfigSource } from '../config/config-source';
import { syntheticMesh } from '../scale/synthetic-mesh';
import { bookinfoProfile } from '../scenarios/profiles';
import { snapshotFromManifests } from '@sluice/model';
import { editVirtualService, scenarioSimulator, weightedRoute } from '../testing/scenario-sim';
import { sumBy, withinBinomial } from '../testing/samples';
import { createSimulator } from './simulator';

/* Batched (cohort) mode keeps the split exact in distribution, and a synthetic mesh runs. */

describe('batched simulation', () => {
  it('keeps reviews at 20/80 within binomial tolerance', () => {
    const { sim } = scenarioSimulator(['bookinfo'], {
      batched: true,
      profiles: [{ ...bookinfoProfile, generators: bookinfoProfile.generators.map((g) => ({ ...g, rps: 200 })) }],
      edit: (s) =>
        editVirtualService(s, 'bookinfo', 'reviews', (spec) => ({
          ...spec,
          http: [{ route: weightedRoute('reviews', { v1: 20, v3: 80 }) }],
        })),
    });
    sim.advance(60_000);
    const reviews = sim
      .query(60)
      .requests.filter((r) => r.reporter === 'destination' && r.destinationServiceName === 'reviews');
    const by = sumBy(
      reviews,
      (r) => r.destinationCanonicalRevision,
      (r) => r.rps,
    );
    const total = (by.get('v1') ?? 0) + (by.get('v3') ?? 0);
    expect(total * 60).toBeGreaterThan(10_000);
    expect(withinBinomial((by.get('v3') ?? 0) / total, 0.8, total * 60)).toBe(true);
    const lat = sim
      .query(60)
      .latencies.find((l) => l.reporter === 'destination' && l.destinationServiceName === 'reviews');
    expect(lat?.p95Ms).toBeGreaterThan(5);
  });

  it('runs a synthetic mesh of 100 services x 3 versions, with weighted VirtualServices honoured', () => {
    const mesh = syntheticMesh({ services: 100, seed: 3 });
    const snapshot = snapshotFromManifests(mesh.manifests);
    expect(snapshot.workloads.filter((w) => w.labels.app?.startsWith('svc-'))).toHaveLength(300);
    const sim = createSimulator({
      config: createStaticConfigSource(snapshot),
      profiles: mesh.profiles,
      seed: 3,
      clock: { now: () => 0 },
      batched: true,
      tickMs: 1000,
    });
    sim.advance(30_000);
    const w = sim.query(30);
    const entering = w.requests
      .filter((r) => r.reporter === 'source' && r.sourceWorkload === 'loadgen')
      .reduce((a, r) => a + r.rps, 0);
    expect(entering).toBeGreaterThan(150);
    expect(entering).toBeLessThan(250);
    // The busiest weighted service: its split must match its VirtualService.
    const load = sumBy(
      w.requests.filter((r) => r.reporter === 'destination'),
      (r) => r.destinationServiceName,
      (r) => r.rps,
    );
    const vs = [...snapshot.virtualServices].sort(
      (a, b) => (load.get(b.metadata.name) ?? 0) - (load.get(a.metadata.name) ?? 0),
    )[0];
    const name = vs?.metadata.name ?? '';
    const weights = new Map(
      (vs?.spec.http?.[0]?.route ?? []).map((r) => [r.destination.subset ?? '', (r.weight ?? 0) / 100]),
    );
    const to = w.requests.filter((r) => r.reporter === 'destination' && r.destinationServiceName === name);
    const by = sumBy(
      to,
      (r) => r.destinationCanonicalRevision,
      (r) => r.rps,
    );
    const total = [...by.values()].reduce((a, b) => a + b, 0);
    expect(total * 30).toBeGreaterThan(500);
    for (const [rev, share] of weights)
      expect(withinBinomial((by.get(rev) ?? 0) / total, share, total * 30, 5)).toBe(true);
  });
});
