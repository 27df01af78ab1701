import {
  observedMix,
  parseDurationMs,
  predictTraffic,
  type BlastRadiusEntry,
  type EdgeTraffic,
  type Graph,
  type GraphEdge,
  type GraphPreview,
  type GraphQuery,
  type MeshSnapshot,
  type PreviewEdge,
  type PreviewNode,
  type TrafficWindow,
} from '@sluice/model';
import { buildGraph } from '../graph/build-graph';

/*
 * The preview graph: the observed graph (`now`) and the graph the changed config would give the same
 * window's demand (`expected`, from predictTraffic's samples through the same graph builder, so ids,
 * shares and scope splits mean the same on both sides), paired edge by edge. The prediction follows
 * the config while the window is one random draw of it, so "changed" and "new errors" mean beyond
 * sampling noise: 4 Poisson (rates) or binomial (shares, error rates) standard deviations over the
 * window, and at least NEW_ERRORS / 1 % / 2 % (decision 83).
 */

/** An error rate must rise by at least this much (absolute) to count as new errors. */
const NEW_ERRORS = 0.001;

/** Standard deviations a difference must exceed to be more than the window's sampling noise. */
const SIGMAS = 4;

const binomialNoise = (p: number, rps: number, seconds: number) =>
  SIGMAS *
  Math.sqrt((Math.min(0.99, Math.max(0.01, p)) * (1 - Math.min(0.99, Math.max(0.01, p)))) / Math.max(1, rps * seconds));

function trafficOf(e: GraphEdge): EdgeTraffic {
  return {
    rps: e.rps,
    share: e.share,
    errorRate: e.errorRate,
    ...(e.latencyP95Ms === undefined ? {} : { latencyP95Ms: e.latencyP95Ms }),
    ...(e.retries ? { retries: e.retries } : {}),
  };
}

/** Below this rate an edge carries nothing (floating-point dust of the prediction). */
const NONE = 1e-6;

function changeOf(
  now: EdgeTraffic | undefined,
  expected: EdgeTraffic | undefined,
  seconds: number,
): PreviewEdge['change'] {
  if (!now) return 'appears';
  if (!expected) return 'disappears';
  const rpsNoise = Math.max(0.01, 0.02 * now.rps, SIGMAS * Math.sqrt(Math.max(now.rps, expected.rps) / seconds));
  const errorNoise = Math.max(NEW_ERRORS, binomialNoise(expected.errorRate, now.rps, seconds));
  const shareNoise = Math.max(0.01, binomialNoise(expected.share, now.rps, seconds));
  return Math.abs(now.rps - expected.rps) > rpsNoise ||
    Math.abs(now.errorRate - expected.errorRate) > errorNoise ||
    Math.abs(now.share - expected.share) > shareNoise
    ? 'changed'
    : 'same';
}

const worstError = (t: EdgeTraffic | undefined): number => Math.max(t?.errorRate ?? 0, t?.retries?.errorRate ?? 0);

/** Callers on the edge would see new errors: final or retried attempts' error rate up beyond noise. */
function newErrors(now: EdgeTraffic | undefined, expected: EdgeTraffic | undefined, seconds: number): boolean {
  const rise = worstError(expected) - worstError(now);
  const n = Math.max(now?.rps ?? 0, now?.retries?.rps ?? 0, expected?.retries?.rps ?? 0, expected?.rps ?? 0);
  return rise > Math.max(NEW_ERRORS, binomialNoise(worstError(expected), n, seconds));
}

function pairEdges(now: Graph, expected: Graph, seconds: number): PreviewEdge[] {
  const byId = new Map<string, { base: GraphEdge; now?: EdgeTraffic; expected?: EdgeTraffic }>();
  for (const e of now.edges) byId.set(e.id, { base: e, now: trafficOf(e) });
  for (const e of expected.edges) {
    if (e.rps < NONE && !e.retries) continue;
    const hit = byId.get(e.id);
    if (hit) hit.expected = trafficOf(e);
    else byId.set(e.id, { base: e, expected: trafficOf(e) });
  }
  return [...byId.values()].map(({ base, now: n, expected: x }) => ({
    id: base.id,
    source: base.source,
    target: base.target,
    protocol: base.protocol,
    ...(base.mirrored ? { mirrored: true } : {}),
    ...(n ? { now: n } : {}),
    ...(x ? { expected: x } : {}),
    change: changeOf(n, x, seconds),
    inBlastRadius: newErrors(n, x, seconds),
  }));
}

function blastRadius(edges: readonly PreviewEdge[]): BlastRadiusEntry[] {
  const byNode = new Map<string, BlastRadiusEntry>();
  for (const e of edges) {
    if (!e.inBlastRadius) continue;
    const entry = byNode.get(e.target) ?? {
      node: e.target,
      edges: [],
      nowErrorRate: 0,
      expectedErrorRate: 0,
      expectedFailingRetriesPerSec: 0,
    };
    entry.edges.push(e.id);
    entry.nowErrorRate = Math.max(entry.nowErrorRate, e.now?.errorRate ?? 0);
    entry.expectedErrorRate = Math.max(entry.expectedErrorRate, e.expected?.errorRate ?? 0);
    const retries = e.expected?.retries;
    if (retries) entry.expectedFailingRetriesPerSec += retries.rps * retries.errorRate;
    byNode.set(e.target, entry);
  }
  return [...byNode.values()];
}

function mergeNodes(now: Graph, expected: Graph): PreviewNode[] {
  const out = new Map<string, PreviewNode>(now.nodes.map((n) => [n.id, { ...n }]));
  for (const n of expected.nodes) {
    const hit = out.get(n.id);
    if (hit) {
      if (n.splits) hit.expectedSplits = n.splits;
      // Badges follow the changed config (a fault the change adds shows on the service it applies to).
      hit.flags = n.flags;
    } else {
      const { splits, ...rest } = n;
      out.set(n.id, { ...rest, ...(splits ? { expectedSplits: splits } : {}) });
    }
  }
  return [...out.values()];
}

export interface PreviewInput {
  current: MeshSnapshot;
  candidate: MeshSnapshot;
  traffic: TrafficWindow | undefined;
  query: GraphQuery;
  matchShares?: Readonly<Record<string, number>>;
}

export type GraphPreviewCore = Omit<GraphPreview, 'findings' | 'metricsError'>;

export function previewGraph(input: PreviewInput): GraphPreviewCore {
  const { current, candidate, traffic, query } = input;
  const now = buildGraph(current, traffic, query);
  if (!traffic) {
    const expected = buildGraph(candidate, undefined, query);
    return {
      timestamp: now.timestamp,
      window: query.window,
      graphType: query.graphType,
      namespaces: query.namespaces,
      nodes: mergeNodes(now, expected),
      edges: [],
      blastRadius: [],
      unknownShares: [],
      assumptions: ['no traffic window could be read: there is no demand to predict from'],
    };
  }
  const prediction = predictTraffic(
    { current, candidate },
    observedMix(traffic),
    input.matchShares ? { matchShares: input.matchShares } : {},
  );
  const predictedWindow: TrafficWindow = {
    ...traffic,
    requests: prediction.window.requests,
    latencies: prediction.window.latencies,
    tcp: prediction.window.tcp,
  };
  const expected = buildGraph(candidate, predictedWindow, query);
  const seconds = Math.max(1, (parseDurationMs(traffic.window) ?? 30_000) / 1000);
  const edges = pairEdges(now, expected, seconds);
  return {
    timestamp: traffic.timestamp,
    window: traffic.window,
    graphType: query.graphType,
    namespaces: query.namespaces,
    nodes: mergeNodes(now, expected),
    edges,
    blastRadius: blastRadius(edges),
    unknownShares: prediction.unknownShares,
    assumptions: prediction.assumptions,
  };
}
