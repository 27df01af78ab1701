import type { OutlierDetection, TrafficPolicy } from '@sluice/model';
import { parseDurationMs } from '@sluice/model';
import { sampleBinomial } from '../random/discrete';
import type { Random } from '../random/prng';

/*
 * What a DestinationRule's connection pool and outlier detection do in the calling proxy, per
 * (calling workload, destination cluster). Both need memory across ticks, kept here.
 *
 * Connection pool: Envoy refuses a request at once (503, flag UO) when the cluster already has its
 * limit of requests in flight (http2MaxRequests) or of connections plus waiting requests
 * (maxConnections + http1MaxPendingRequests). With arrivals at rate λ per calling pod and a mean
 * service time W, the requests in flight are a loss system with offered load A = λW (Little's law),
 * and the refused share is Erlang's B(c, A) - the queueing expectation the ground-truth test checks.
 * λ and W are estimated from the previous ticks (exponentially weighted), as a proxy only knows
 * what it has seen. Waiting requests are counted as in flight; the wait itself is not added.
 *
 * Outlier detection: a workload answering consecutive5xxErrors 5xx in a row is ejected for
 * baseEjectionTime x (times ejected), unless that would eject more than maxEjectionPercent of the
 * cluster's pods (one host may always be ejected, as in Envoy). While fewer than minHealthPercent of
 * the pods are healthy the proxy panics and uses them all (Istio's default minHealthPercent is 0).
 * The simulator's pods of one workload behave alike, so a workload is ejected as a whole.
 */

/** Istio's defaults for an outlierDetection block that leaves fields out. */
const OD_DEFAULTS = { consecutive5xxErrors: 5, baseEjectionMs: 30_000, maxEjectionPercent: 10, minHealthPercent: 0 };
/** Weight of the newest tick in the rate and latency estimates (500 ms ticks: a ~10 s memory, so a few requests per tick do not swing it). */
const ALPHA = 0.05;

interface ClusterState {
  arrivals: number;
  latencySum: number;
  latencyCount: number;
  /** Requests per second from all pods of the calling workload. */
  rate?: number;
  /** Mean service time of the requests admitted, ms. */
  latencyMs?: number;
  consecutive: Map<string, number>;
  ejections: Map<string, { until: number; times: number }>;
}

/** Erlang's loss formula B(c, A), by the stable recursion; 0 when the limit is far above the load. */
export function erlangB(servers: number, offered: number): number {
  if (offered <= 0) return 0;
  if (servers > offered * 20 + 200) return 0;
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offered * b) / (k + offered * b);
  return b;
}

/** The concurrency limit of a connection pool, or undefined when it sets none. */
export function concurrencyLimit(policy: TrafficPolicy | undefined): number | undefined {
  const http = policy?.connectionPool?.http;
  const tcp = policy?.connectionPool?.tcp;
  const h2 = http?.http2MaxRequests;
  const h1 =
    tcp?.maxConnections === undefined && http?.http1MaxPendingRequests === undefined
      ? undefined
      : (tcp?.maxConnections ?? Number.POSITIVE_INFINITY) + (http?.http1MaxPendingRequests ?? Number.POSITIVE_INFINITY);
  const limit = Math.min(h2 ?? Number.POSITIVE_INFINITY, h1 ?? Number.POSITIVE_INFINITY);
  return Number.isFinite(limit) ? Math.max(0, limit) : undefined;
}

export class UpstreamPolicies {
  private readonly clusters = new Map<string, ClusterState>();

  private state(key: string): ClusterState {
    let s = this.clusters.get(key);
    if (!s) {
      s = { arrivals: 0, latencySum: 0, latencyCount: 0, consecutive: new Map(), ejections: new Map() };
      this.clusters.set(key, s);
    }
    return s;
  }

  /** Called once per tick, before traffic: folds the last tick's arrivals and latencies into the estimates. */
  endTick(dtMs: number): void {
    if (dtMs <= 0) return;
    for (const s of this.clusters.values()) {
      const rate = s.arrivals / (dtMs / 1000);
      s.rate = s.rate === undefined ? rate : s.rate + ALPHA * (rate - s.rate);
      if (s.latencyCount > 0) {
        const mean = s.latencySum / s.latencyCount;
        s.latencyMs = s.latencyMs === undefined ? mean : s.latencyMs + ALPHA * (mean - s.latencyMs);
      }
      s.arrivals = 0;
      s.latencySum = 0;
      s.latencyCount = 0;
    }
  }

  /** How many of `count` arriving requests the pool refuses (UO); all of them count as arrivals. */
  refuse(rng: Random, key: string, limit: number | undefined, count: number, callerPods: number): number {
    const s = this.state(key);
    s.arrivals += count;
    if (limit === undefined || s.rate === undefined || s.latencyMs === undefined) return 0;
    const offered = (s.rate / Math.max(1, callerPods)) * (s.latencyMs / 1000);
    return sampleBinomial(rng, count, erlangB(limit, offered));
  }

  /** Records what the admitted requests got: service times, and 5xx runs for outlier detection. */
  observe(
    key: string,
    served: readonly { count: number; code: number; latencyMs: number; workload?: string }[],
    od: OutlierDetection | undefined,
    pods: ReadonlyMap<string, number>,
    nowMs: number,
  ): void {
    const s = this.state(key);
    for (const o of served) {
      if (!o.workload) continue;
      s.latencySum += o.count * o.latencyMs;
      s.latencyCount += o.count;
      if (!od) continue;
      const run = o.code >= 500 || o.code === 0 ? (s.consecutive.get(o.workload) ?? 0) + o.count : 0;
      s.consecutive.set(o.workload, run);
      if (run >= (od.consecutive5xxErrors ?? OD_DEFAULTS.consecutive5xxErrors))
        this.eject(s, o.workload, od, pods, nowMs);
    }
  }

  private eject(
    s: ClusterState,
    workload: string,
    od: OutlierDetection,
    pods: ReadonlyMap<string, number>,
    nowMs: number,
  ) {
    const current = s.ejections.get(workload);
    if (current && current.until > nowMs) return;
    const total = [...pods.values()].reduce((a, b) => a + b, 0);
    const ejectedPods = [...s.ejections.entries()]
      .filter(([w, e]) => e.until > nowMs && pods.has(w))
      .reduce((a, [w]) => a + (pods.get(w) ?? 0), 0);
    const maxPercent = od.maxEjectionPercent ?? OD_DEFAULTS.maxEjectionPercent;
    const after = ejectedPods + (pods.get(workload) ?? 1);
    if (ejectedPods > 0 && (after / Math.max(1, total)) * 100 > maxPercent) return;
    const base = (od.baseEjectionTime && parseDurationMs(od.baseEjectionTime)) || OD_DEFAULTS.baseEjectionMs;
    const times = (current?.times ?? 0) + 1;
    s.ejections.set(workload, { until: nowMs + base * times, times });
    s.consecutive.set(workload, 0);
  }

  /**
   * The workloads the proxy leaves out of load balancing now, or none while fewer than
   * minHealthPercent of the pods would be left (panic: Envoy then uses every host).
   */
  ejected(
    key: string,
    od: OutlierDetection | undefined,
    pods: ReadonlyMap<string, number>,
    nowMs: number,
  ): Set<string> {
    const s = this.clusters.get(key);
    if (!od || !s) return new Set();
    const out = new Set([...s.ejections].filter(([w, e]) => e.until > nowMs && pods.has(w)).map(([w]) => w));
    if (out.size === 0) return out;
    const total = [...pods.values()].reduce((a, b) => a + b, 0);
    const healthy = [...pods].filter(([w]) => !out.has(w)).reduce((a, [, n]) => a + n, 0);
    const minHealth = od.minHealthPercent ?? OD_DEFAULTS.minHealthPercent;
    return (healthy / Math.max(1, total)) * 100 < minHealth ? new Set() : out;
  }
}
