import type { Graph, GraphEdge, GraphNode, NodeFlags, ServiceSplit } from '@sluice/model';
import { formatBytes, formatMs, formatPercent, formatRps } from '@/lib/format';

/* Pure helpers that turn the API graph into what the canvas, the table and the side panel show. */

export type EdgeLabelMode = 'share' | 'rps' | 'p50' | 'p95' | 'p99' | 'throughput' | 'none';
export const EDGE_LABEL_MODES: readonly EdgeLabelMode[] = ['share', 'rps', 'p50', 'p95', 'p99', 'throughput', 'none'];

export type Health = 'idle' | 'healthy' | 'degraded' | 'failing';

/** Kiali's thresholds: any errors is degraded, more than 5% is failing. */
export function edgeHealth(edge: Pick<GraphEdge, 'rps' | 'errorRate'>): Health {
  if (edge.rps <= 0) return 'idle';
  if (edge.errorRate > 0.05) return 'failing';
  if (edge.errorRate > 0) return 'degraded';
  return 'healthy';
}

export function nodeLabel(node: GraphNode): string {
  return node.version ? `${node.name} ${node.version}` : node.name;
}

// Short words rather than icon glyphs: the canvas draws text with the page font, which lacks most symbols.
const BADGES: [keyof NodeFlags, string, string][] = [
  ['virtualService', 'VS', 'virtual service'],
  ['trafficShifting', 'split', 'traffic shifting'],
  ['requestRouting', 'match', 'request routing'],
  ['faultInjection', 'fault', 'fault injection'],
  ['mirroring', 'mirror', 'mirroring'],
  ['timeout', 'timeout', 'timeout'],
  ['retries', 'retry', 'retries'],
  ['rollout', 'rollout', 'rollout'],
  ['gatewayVirtualService', 'gw', 'gateway-only virtual service'],
  ['circuitBreaker', 'cb', 'circuit breaker'],
  ['gatewayApiRoute', 'route', 'Gateway API route'],
];

/** Badges as short tags (drawn under the node name) with their spoken names for the table and panel. */
export function nodeBadges(flags: NodeFlags): { glyph: string; name: string; flag: keyof NodeFlags }[] {
  return BADGES.filter(([flag]) => flags[flag]).map(([flag, glyph, name]) => ({ flag, glyph, name }));
}

const appOf = (n: GraphNode | undefined) => (n ? `${n.namespace}/${n.app ?? n.name}` : undefined);

/**
 * Edges whose share is a traffic split: the source sends the same protocol to several versions
 * of one app (service -> reviews v1/v3). A fan-out to different apps (productpage -> details,
 * reviews) is not a split, so its share is left unlabelled rather than read as "50% canary".
 */
export function splitEdgeIds(graph: Graph): Set<string> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const groups = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    if (e.mirrored) continue;
    const key = `${e.source}|${e.protocol}|${appOf(byId.get(e.target)) ?? e.target}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const out = new Set<string>();
  for (const edges of groups.values()) {
    // A service node's outbound edges are always its version split, even when one version takes 100%.
    if (edges.length > 1 || byId.get(edges[0]?.source ?? '')?.kind === 'service') edges.forEach((e) => out.add(e.id));
  }
  return out;
}

export function edgeLabel(edge: GraphEdge, mode: EdgeLabelMode, isSplit = true): string {
  switch (mode) {
    case 'share':
      if (edge.mirrored) return 'mirror';
      return isSplit ? formatPercent(edge.share, edge.share < 0.1 ? 1 : 0) : '';
    case 'rps':
      return edge.protocol === 'tcp' ? `${formatRps(edge.rps)} conn/s` : `${formatRps(edge.rps)} rps`;
    case 'p50':
      return edge.latencyP50Ms === undefined ? '' : formatMs(edge.latencyP50Ms);
    case 'p95':
      return edge.latencyP95Ms === undefined ? '' : formatMs(edge.latencyP95Ms);
    case 'p99':
      return edge.latencyP99Ms === undefined ? '' : formatMs(edge.latencyP99Ms);
    case 'throughput':
      return edge.bytesPerSec === undefined ? '' : formatBytes(edge.bytesPerSec);
    case 'none':
      return '';
  }
}

/** Width grows with the log of the rate so a 1 rps canary stays visible next to a 100 rps primary. */
export function edgeWidth(rps: number): number {
  return Math.min(1.5 + Math.log10(1 + rps) * 1.6, 7);
}

export interface NodeTraffic {
  inRps: number;
  outRps: number;
  inErrorRate: number;
  responses: Record<string, number>;
  p95Ms?: number;
}

/** Inbound and outbound totals of a node, from its edges (mirrored requests excluded, as Istio's dashboards do). */
export function nodeTraffic(graph: Graph, nodeId: string): NodeTraffic {
  const live = graph.edges.filter((e) => !e.mirrored);
  const inbound = live.filter((e) => e.target === nodeId);
  const inRps = inbound.reduce((a, e) => a + e.rps, 0);
  const errors = inbound.reduce((a, e) => a + e.rps * e.errorRate, 0);
  const responses: Record<string, number> = {};
  for (const e of inbound)
    for (const [code, r] of Object.entries(e.responses)) responses[code] = (responses[code] ?? 0) + r;
  const p95s = inbound.map((e) => e.latencyP95Ms).filter((x): x is number => x !== undefined);
  return {
    inRps,
    outRps: live.filter((e) => e.source === nodeId).reduce((a, e) => a + e.rps, 0),
    inErrorRate: inRps > 0 ? errors / inRps : 0,
    responses,
    ...(p95s.length ? { p95Ms: Math.max(...p95s) } : {}),
  };
}

/** The service node a `focus=ns/name` deep link means. */
export function findServiceNode(graph: Graph, focus: string): GraphNode | undefined {
  const [ns, name] = focus.split('/');
  return (
    graph.nodes.find((n) => n.kind === 'service' && n.namespace === ns && n.name === name) ??
    graph.nodes.find((n) => n.namespace === ns && n.name === name)
  );
}

/** "gateway front-tomcat/front-tomcat-gateway" / "mesh": which traffic a split covers. */
export function splitScopeName(split: ServiceSplit): string {
  if (split.scope === 'mesh') return 'mesh';
  return split.gateway ? `gateway ${split.gateway}` : 'gateway';
}

/** "v1 50% · v2 50%": a split's versions in version order (the API sorts them). */
export function splitSharesText(split: ServiceSplit): string {
  return Object.entries(split.shares)
    .map(([v, share]) => `${v} ${formatPercent(share, share < 0.1 && share > 0 ? 1 : 0)}`)
    .join(' · ');
}

export function splitRateText(split: ServiceSplit): string {
  if (split.unit === 'bytes/s') return `${(split.rate / 1024).toFixed(1)} KiB/s`;
  return `${formatRps(split.rate)} ${split.unit === 'connections/s' ? 'conn/s' : 'req/s'}`;
}

/**
 * The share label of a service -> version edge when several scopes call the service: one number per
 * scope ("gw 50% · mesh 90%"), since the edge's own share blends traffic that different
 * VirtualServices routed and matches none of them. Undefined when one scope (or none) carries traffic.
 */
export function scopedShareLabel(source: GraphNode | undefined, target: GraphNode | undefined): string | undefined {
  const splits = source?.splits ?? [];
  if (splits.length < 2 || !target?.version) return undefined;
  return splits
    .map((s) => `${s.scope === 'mesh' ? 'mesh' : 'gw'} ${formatPercent(s.shares[target.version!] ?? 0)}`)
    .join(' · ');
}

/** "conn/s" for TCP (rates there are connections opened), "req/s" otherwise. */
export const rateUnit = (protocol: GraphEdge['protocol'] | 'tcp-node' | 'http-node'): string =>
  protocol === 'tcp' || protocol === 'tcp-node' ? 'conn/s' : 'req/s';

/**
 * Whether a node carries TCP only: every edge touching it is TCP. A TCP service has no HTTP
 * routing (faults, mirrors, header matches, timeouts), so only traffic shifting is offered for it.
 * Undefined without traffic (the protocol is not known from the graph then).
 */
export function isTcpOnly(graph: Graph, nodeId: string): boolean | undefined {
  let seen = false;
  for (const e of graph.edges) {
    if (e.source !== nodeId && e.target !== nodeId) continue;
    if (e.protocol !== 'tcp') return false;
    seen = true;
  }
  return seen ? true : undefined;
}

/** The graph's state in words: the text equivalent of the canvas for screen readers. */
export function graphSummary(graph: Graph, stale: boolean): string {
  const live = graph.edges.filter((e) => !e.mirrored);
  const failing = live.filter((e) => edgeHealth(e) === 'failing').length;
  const degraded = live.filter((e) => edgeHealth(e) === 'degraded').length;
  const parts = [
    `Service graph over ${graph.window}: ${graph.nodes.length} nodes, ${graph.edges.length} edges`,
    failing > 0 ? `${failing} failing (over 5 % errors)` : '',
    degraded > 0 ? `${degraded} with some errors` : '',
    failing + degraded === 0 && live.some((e) => e.rps > 0) ? 'no errors' : '',
    live.every((e) => e.rps === 0) ? 'no traffic in the window' : '',
    stale ? 'traffic data is stale' : '',
  ];
  return parts.filter(Boolean).join('; ');
}
