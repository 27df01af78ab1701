import type { EdgeProtocol, GraphEdge } from '@sluice/model';
import type { NodeSpec } from './node-identity';
import { codeOf, isError, type Outcome } from '../samples/reporter-choice';
import type { HopLatency } from '../samples/series-choice';

/*
 * Folds hops into graph edges. Several hops can land on one edge (two reviews workloads behind one
 * app node, every caller of a service behind its service node), so the accumulator sums rates and
 * response codes and keeps an rps-weighted mean of the hops' p95. A mean of p95s is not the p95 of
 * the mix, but it is exact for one hop (the common case) and never needs the raw histograms.
 */

interface EdgeAcc {
  id: string;
  source: string;
  target: string;
  protocol: EdgeProtocol;
  mirrored: boolean;
  rps: number;
  errorRps: number;
  responses: Map<string, number>;
  flags: Map<string, number>;
  latencySum: number;
  latencyWeight: number;
  /** rps-weighted sums of the hops' p50 and p99 (weights only of hops that report them). */
  p50: [number, number];
  p99: [number, number];
  bytesPerSec: number;
  retriedRps: number;
  retriedErrorRps: number;
}

export class EdgeSet {
  // from id -> to id -> the few edges between them (by protocol, live/mirrored). Nested maps keyed by
  // the nodes' own id strings avoid building an edge id per hop; ids are built once per edge.
  private readonly edges = new Map<string, Map<string, EdgeAcc[]>>();

  private edge(from: NodeSpec, to: NodeSpec, protocol: EdgeProtocol, mirrored: boolean): EdgeAcc {
    let byTarget = this.edges.get(from.id);
    if (!byTarget) this.edges.set(from.id, (byTarget = new Map()));
    let list = byTarget.get(to.id);
    if (!list) byTarget.set(to.id, (list = []));
    let acc = list.find((e) => e.protocol === protocol && e.mirrored === mirrored);
    if (!acc) {
      acc = {
        id: `${from.id}->${to.id}:${protocol}${mirrored ? ':mirror' : ''}`,
        source: from.id,
        target: to.id,
        protocol,
        mirrored,
        rps: 0,
        errorRps: 0,
        responses: new Map(),
        flags: new Map(),
        latencySum: 0,
        latencyWeight: 0,
        p50: [0, 0],
        p99: [0, 0],
        bytesPerSec: 0,
        retriedRps: 0,
        retriedErrorRps: 0,
      };
      list.push(acc);
    }
    return acc;
  }

  addRequests(
    from: NodeSpec,
    to: NodeSpec,
    protocol: EdgeProtocol,
    outcomes: readonly Outcome[],
    latency: HopLatency | undefined,
    mirrored = false,
  ): void {
    const acc = this.edge(from, to, protocol, mirrored);
    let rps = 0;
    for (const o of outcomes) {
      rps += o.rps;
      if (isError(o)) acc.errorRps += o.rps;
      const code = codeOf(o);
      acc.responses.set(code, (acc.responses.get(code) ?? 0) + o.rps);
      // Envoy's own reasons (UO overflow, UH no healthy pod, URX retries exhausted...), one key per flag.
      for (const flag of o.responseFlags.split(','))
        if (flag && flag !== '-') acc.flags.set(flag, (acc.flags.get(flag) ?? 0) + o.rps);
    }
    acc.rps += rps;
    if (latency !== undefined && rps > 0) {
      acc.latencySum += latency.p95Ms * rps;
      acc.latencyWeight += rps;
      if (latency.p50Ms !== undefined) acc.p50 = [acc.p50[0] + latency.p50Ms * rps, acc.p50[1] + rps];
      if (latency.p99Ms !== undefined) acc.p99 = [acc.p99[0] + latency.p99Ms * rps, acc.p99[1] + rps];
    }
  }

  /** Retried attempts (destination-reported, beyond the client's requests): kept apart from rps and errors. */
  addRetries(from: NodeSpec, to: NodeSpec, protocol: EdgeProtocol, outcomes: readonly Outcome[]): void {
    const acc = this.edge(from, to, protocol, false);
    for (const o of outcomes) {
      acc.retriedRps += o.rps;
      if (isError(o)) acc.retriedErrorRps += o.rps;
    }
  }

  /** TCP: rps is connections opened per second; bytes are both directions. */
  addTcp(from: NodeSpec, to: NodeSpec, connectionsPerSec: number, bytesPerSec: number): void {
    const acc = this.edge(from, to, 'tcp', false);
    acc.rps += connectionsPerSec;
    acc.bytesPerSec += bytesPerSec;
  }

  toEdges(): GraphEdge[] {
    const all = [...this.edges.values()].flatMap((byTarget) => [...byTarget.values()].flat());
    const liveTotals = new Map<string, { rps: number; bytes: number }>();
    for (const e of all) {
      if (e.mirrored) continue;
      const key = `${e.source}|${e.protocol}`;
      const t = liveTotals.get(key) ?? { rps: 0, bytes: 0 };
      t.rps += e.rps;
      t.bytes += e.bytesPerSec;
      liveTotals.set(key, t);
    }
    return all.map((e) => {
      const t = liveTotals.get(`${e.source}|${e.protocol}`);
      const edge: GraphEdge = {
        id: e.id,
        source: e.source,
        target: e.target,
        protocol: e.protocol,
        rps: e.rps,
        share: e.mirrored || !t ? 0 : shareOf(e, t),
        errorRate: e.rps > 0 ? Math.min(1, e.errorRps / e.rps) : 0,
        responses: Object.fromEntries(e.responses),
      };
      if (e.flags.size > 0) edge.responseFlags = Object.fromEntries(e.flags);
      if (e.latencyWeight > 0) edge.latencyP95Ms = e.latencySum / e.latencyWeight;
      if (e.p50[1] > 0) edge.latencyP50Ms = e.p50[0] / e.p50[1];
      if (e.p99[1] > 0) edge.latencyP99Ms = e.p99[0] / e.p99[1];
      if (e.protocol === 'tcp') edge.bytesPerSec = e.bytesPerSec;
      if (e.mirrored) edge.mirrored = true;
      if (e.retriedRps > 0)
        edge.retries = { rps: e.retriedRps, errorRate: Math.min(1, e.retriedErrorRps / e.retriedRps) };
      return edge;
    });
  }
}

/**
 * Mirrored edges carry share 0: they are copies, not part of what the source sends. TCP shares are
 * by new connections, falling back to bytes when only long-lived connections moved data.
 */
function shareOf(e: EdgeAcc, t: { rps: number; bytes: number }): number {
  if (t.rps > 0) return Math.min(1, e.rps / t.rps);
  if (e.protocol === 'tcp' && t.bytes > 0) return Math.min(1, e.bytesPerSec / t.bytes);
  return 0;
}
