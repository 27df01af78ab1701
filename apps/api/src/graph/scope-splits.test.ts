import { editVirtualService, scenarioSimulator, sumBy, withinBinomial } from '@sluice/mesh-sim/testing';
import {
  graphSchema,
  type Graph,
  type MeshSnapshot,
  type RequestSample,
  type ServiceTraffic,
  type TcpSample,
  type TrafficWindow,
} from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { graphQuery } from '../traffic/sim-test-kit';
import { buildServiceTraffic } from '../traffic/service-traffic';
import { buildGraph } from './build-graph';

/*
 * Service nodes carry one version split per scope (gateway, mesh), checked against the simulator's
 * ground truth: its own destination-side counters split by who sent each request, and the weights
 * the simulator routed by. Seeds 000 (tcp-echo, gateway-bound VirtualService, unrouted in-mesh
 * client) and 004 (front-tomcat, a gateway VirtualService and a mesh one with different weights).
 */

const RUN_S = 300;
const GATEWAY_WORKLOAD = 'istio-ingressgateway';

function run(
  namespace: string,
  edit: (s: MeshSnapshot) => MeshSnapshot,
): { graph: Graph; truth: Truth; snapshot: MeshSnapshot; window: TrafficWindow } {
  const { sim, config } = scenarioSimulator([namespace], { edit });
  sim.advance(RUN_S * 1000);
  const window = sim.query(RUN_S, [namespace]);
  const graph = graphSchema.parse(
    buildGraph(config.snapshot(), window, { ...graphQuery([namespace]), window: `${RUN_S}s` }),
  );
  return { graph, truth: groundTruth([...window.requests, ...window.tcp]), snapshot: config.snapshot(), window };
}

/** The service page's per-scope split: its callers grouped by the scope the API gives them. */
function servicePageShares(view: ServiceTraffic, scope: 'mesh' | 'gateway'): Record<string, number> {
  const by = new Map<string, number>();
  for (const s of view.observed.bySource.filter((x) => x.scope === scope))
    for (const v of s.versions) by.set(v.version, (by.get(v.version) ?? 0) + v.rps);
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  return Object.fromEntries([...by].map(([v, r]) => [v, r / total]));
}

type Truth = Record<'gateway' | 'mesh', { n: number; shares: Map<string, number> }>;

/** What the simulator served per version, split by whether a gateway workload sent it. */
function groundTruth(samples: readonly (RequestSample | TcpSample)[]): Truth {
  const served = samples.filter((s) => s.reporter === 'destination' && s.destinationWorkload !== 'unknown');
  const count = (s: RequestSample | TcpSample) => ('rps' in s ? s.rps : s.connectionsOpenedPerSec);
  const scope = (gateway: boolean) => {
    const mine = served.filter((s) => (s.sourceWorkload === GATEWAY_WORKLOAD) === gateway);
    const by = sumBy(mine, (s) => s.destinationCanonicalRevision, count);
    const total = [...by.values()].reduce((a, b) => a + b, 0);
    return { n: total * RUN_S, shares: new Map([...by].map(([v, r]) => [v, r / total])) };
  };
  return { gateway: scope(true), mesh: scope(false) };
}

const serviceNode = (g: Graph, ns: string, name: string) => g.nodes.find((n) => n.id === `service:${ns}:${name}`);
const blended = (g: Graph, ns: string, name: string, version: string) =>
  g.edges.find((e) => e.source === `service:${ns}:${name}` && e.target === `app:${ns}:${name}:${version}`)?.share;

describe('service node splits per scope, against the simulator', () => {
  it('seed 000: tcp-echo at 80/20 through tcp-echo-gateway reads 80/20 for the gateway, round robin for the mesh', () => {
    const ns = 'istio-io-tcp-traffic-shift';
    const { graph, truth } = run(ns, (s) =>
      editVirtualService(s, ns, 'tcp-echo', (spec) => ({
        ...spec,
        tcp: (spec.tcp ?? []).map((r) => ({
          ...r,
          route: [
            { destination: { host: 'tcp-echo', port: { number: 9000 }, subset: 'v1' }, weight: 80 },
            { destination: { host: 'tcp-echo', port: { number: 9000 }, subset: 'v2' }, weight: 20 },
          ],
        })),
      })),
    );
    const node = serviceNode(graph, ns, 'tcp-echo');
    expect(node?.flags.gatewayVirtualService).toBe(true);
    const splits = node?.splits ?? [];
    expect(splits.map((s) => s.scope)).toEqual(['mesh', 'gateway']);
    const [mesh, gateway] = splits;
    expect(gateway).toMatchObject({
      gateway: `${ns}/tcp-echo-gateway`,
      virtualService: `${ns}/tcp-echo`,
      unit: 'bytes/s',
    });
    // The in-mesh sleep client is bound by no VirtualService: round robin over the pods.
    expect(mesh?.virtualService).toBeUndefined();
    expect(withinBinomial(gateway!.shares.v1 ?? 0, 0.8, truth.gateway.n)).toBe(true);
    expect(withinBinomial(mesh!.shares.v1 ?? 0, 0.5, truth.mesh.n)).toBe(true);
    // And exactly what the simulator served per scope (bytes per connection are equal across versions).
    expect(gateway!.shares.v1).toBeCloseTo(truth.gateway.shares.get('v1') ?? 0, 2);
    expect(mesh!.shares.v1).toBeCloseTo(truth.mesh.shares.get('v1') ?? 0, 2);
    // The blended edge share matches neither VirtualService: the reason for per-scope splits.
    const v1 = blended(graph, ns, 'tcp-echo', 'v1')!;
    console.log(
      `tcp-echo: blended edge v1 ${(v1 * 100).toFixed(1)} %, gateway split v1 ${(gateway!.shares.v1! * 100).toFixed(1)} %, mesh split v1 ${(mesh!.shares.v1! * 100).toFixed(1)} %`,
    );
    expect(Math.abs(v1 - 0.8)).toBeGreaterThan(0.03);
  });

  it('seed 004: front-tomcat gateway VirtualService at 50/50, mesh one at 90/10: two splits naming each', () => {
    const ns = 'front-tomcat';
    const { graph, truth, snapshot, window } = run(ns, (s) =>
      editVirtualService(s, ns, 'gateway-front-tomcat', (spec) => ({
        ...spec,
        http: (spec.http ?? []).map((r) => ({
          ...r,
          route: (r.route ?? []).map((d) => ({ ...d, weight: 50 })),
        })),
      })),
    );
    const node = serviceNode(graph, ns, 'front-tomcat');
    expect(node?.flags).toMatchObject({ gatewayVirtualService: true, virtualService: true, trafficShifting: true });
    const [mesh, gateway, ...rest] = node?.splits ?? [];
    expect(rest).toEqual([]);
    expect(mesh).toMatchObject({ scope: 'mesh', virtualService: `${ns}/front-tomcat`, unit: 'requests/s' });
    expect(gateway).toMatchObject({
      scope: 'gateway',
      gateway: `${ns}/front-tomcat-gateway`,
      virtualService: `${ns}/gateway-front-tomcat`,
      unit: 'requests/s',
    });
    expect(withinBinomial(gateway!.shares.v1 ?? 0, 0.5, truth.gateway.n)).toBe(true);
    expect(withinBinomial(mesh!.shares.v1 ?? 0, 0.9, truth.mesh.n)).toBe(true);
    expect(gateway!.shares.v1).toBeCloseTo(truth.gateway.shares.get('v1') ?? 0, 6);
    expect(mesh!.shares.v1).toBeCloseTo(truth.mesh.shares.get('v1') ?? 0, 6);
    // The service page's gateway and mesh columns say the same.
    const view = buildServiceTraffic(snapshot, window, ns, 'front-tomcat', `${RUN_S}s`);
    expect(servicePageShares(view, 'gateway').v1).toBeCloseTo(gateway!.shares.v1!, 9);
    expect(servicePageShares(view, 'mesh').v1).toBeCloseTo(mesh!.shares.v1!, 9);
    // Rates: 6 req/s of browsers through the gateway, 3 req/s from the in-mesh client.
    expect(gateway!.rate).toBeGreaterThan(5.5);
    expect(mesh!.rate).toBeGreaterThan(2.7);
    const v1 = blended(graph, ns, 'front-tomcat', 'v1')!;
    console.log(
      `front-tomcat: blended edge v1 ${(v1 * 100).toFixed(1)} %, gateway split v1 ${(gateway!.shares.v1! * 100).toFixed(1)} %, mesh split v1 ${(mesh!.shares.v1! * 100).toFixed(1)} %`,
    );
  });

  it('bookinfo: a service only one scope calls has one split (reviews: mesh; productpage: the gateway)', () => {
    const ns = 'bookinfo';
    const { graph } = run(ns, (s) => s);
    const reviews = serviceNode(graph, ns, 'reviews')?.splits ?? [];
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ scope: 'mesh', virtualService: `${ns}/reviews`, shares: { v1: 1 } });
    const productpage = serviceNode(graph, ns, 'productpage')?.splits ?? [];
    expect(productpage.map((s) => [s.scope, s.gateway])).toEqual([['gateway', `${ns}/bookinfo-gateway`]]);
  });
});
