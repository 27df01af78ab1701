import type { EdgeLabels, LatencySample, RequestSample, TcpSample, TrafficWindow } from '@sluice/model';
import { DURATION_BUCKETS_MS } from './buckets';
import { Exposition } from './exposition';
import { histogramQuantile } from './histogram-quantile';
import { edgeKey, edgeSampleLabels, type Edge } from './identity';
import { SeriesStore, type RequestRecord, type TcpRecord } from './series-store';
import { WindowRing } from './window-ring';

/*
 * The simulator's metrics: cumulative series for /metrics and per-second deltas for in-process
 * window queries, fed by the same records so both always agree.
 */

export interface WindowQuery {
  windowSeconds: number;
  namespaces?: readonly string[];
  nowMs: number;
  /** When the simulation started: a window longer than the run so far is averaged over the run. */
  startMs: number;
  /** Only series whose labels pass (decided once per series per query, before any summing). */
  keep?: (labels: EdgeLabels) => boolean;
}

function touches(edge: Edge, namespaces: ReadonlySet<string> | undefined): boolean {
  if (!namespaces) return true;
  return (
    namespaces.has(edge.source.namespace) ||
    namespaces.has(edge.service.namespace) ||
    namespaces.has(edge.destination.namespace)
  );
}

/** Per-second slot of an event at `atMs`: slot s holds ((s-1) s, s]. */
function slotOf(atMs: number): number {
  return Math.ceil(atMs / 1000);
}

function memo(f: (k: string) => boolean): (k: string) => boolean {
  const seen = new Map<string, boolean>();
  return (k) => {
    let v = seen.get(k);
    if (v === undefined) {
      v = f(k);
      seen.set(k, v);
    }
    return v;
  };
}

/** Per-bucket rates of the duration histogram of one edge (bounds: DURATION_BUCKETS_MS, then +Inf). */
export type BucketRows = EdgeLabels & { rates: number[] };

export interface StepRows {
  requests: RequestSample[];
  tcp: TcpSample[];
  buckets: BucketRows[];
  coveredSeconds: number;
}

function optionalQuantile(key: 'p50Ms', v: number | undefined): { p50Ms?: number } {
  return v === undefined ? {} : { [key]: v };
}

export class MetricsRecorder {
  readonly store = new SeriesStore();
  private readonly ring: WindowRing;
  private readonly exposition = new Exposition();
  private readonly edges = new Map<string, Edge>();

  constructor(
    retentionSeconds = 600,
    private readonly sizeHistograms = true,
  ) {
    this.ring = new WindowRing(retentionSeconds);
  }

  requests(r: RequestRecord, atMs: number): void {
    if (r.count <= 0) return;
    const key = this.store.addRequests(r);
    const ek = edgeKey(r.edge);
    this.edges.set(ek, r.edge);
    this.ring.addRequests(slotOf(atMs), key, ek, r.count, r.duration.counts);
  }

  tcp(r: TcpRecord, atMs: number): void {
    const ek = this.store.addTcp(r);
    this.edges.set(ek, r.edge);
    if (r.sent || r.received || r.opened) this.ring.addTcp(slotOf(atMs), ek, r.sent, r.received, r.opened);
  }

  metricsText(): string {
    return this.exposition.text(this.store, this.sizeHistograms);
  }

  metricsChunks(): Iterable<string> {
    return this.exposition.chunks(this.store, this.sizeHistograms);
  }

  /**
   * Sums of the window's whole seconds (slot s holds (s-1 s, s]), as scrapes a second apart would
   * see them, and the seconds they cover (the divisor of every rate).
   */
  private sums(q: WindowQuery) {
    // The first second of a run counts from the start. Before one whole second exists, use what there is.
    let toSec = Math.floor(q.nowMs / 1000);
    // A window longer than the retention holds only the retained seconds: divide by those.
    const reach = Math.min(q.windowSeconds, this.ring.retentionSeconds);
    let coveredMs = toSec * 1000 - Math.max(q.startMs, (toSec - reach) * 1000);
    if (coveredMs <= 0) {
      toSec = slotOf(q.nowMs);
      coveredMs = q.nowMs - q.startMs;
    }
    const divisor = Math.max(1e-3, coveredMs / 1000);
    const ns = q.namespaces ? new Set(q.namespaces) : undefined;
    const reqs = new Map<string, number>();
    const lat = new Map<string, number[]>();
    const tcp = new Map<string, [number, number, number]>();
    // Decide once per series whether it touches the namespaces, before summing its seconds.
    const keep = q.keep;
    const keepRequest = memo((k) => {
      const s = this.store.requests.get(k);
      return s !== undefined && touches(s.edge, ns) && (!keep || keep(edgeSampleLabels(s.edge)));
    });
    const keepEdge = memo((k) => {
      const e = this.edges.get(k);
      return e !== undefined && touches(e, ns) && (!keep || keep(edgeSampleLabels(e)));
    });
    for (const s of this.ring.seconds(toSec, q.windowSeconds)) {
      for (const [k, v] of s.requests) if (keepRequest(k)) reqs.set(k, (reqs.get(k) ?? 0) + v);
      for (const [k, v] of s.latency) {
        if (!keepEdge(k)) continue;
        const acc = lat.get(k);
        if (!acc) lat.set(k, [...v]);
        else for (let i = 0; i < v.length; i++) acc[i] = (acc[i] ?? 0) + (v[i] ?? 0);
      }
      for (const [k, v] of s.tcp) {
        if (!keepEdge(k)) continue;
        const acc = tcp.get(k);
        if (!acc) tcp.set(k, [...v]);
        else for (let i = 0; i < 3; i++) acc[i as 0 | 1 | 2] += v[i as 0 | 1 | 2];
      }
    }
    return { reqs, lat, tcp, divisor, coveredMs, reach };
  }

  /**
   * One step of a history (metrics over time): rates over the `windowSeconds` ending at `nowMs`,
   * with the duration histogram as per-bucket rates (not quantiles) so callers can add hops up
   * before taking a quantile, as PromQL's `histogram_quantile(sum by (le) ...)` does. Undefined
   * when the step lies wholly before the run or beyond the retention as of `latestMs` (no data, not "no traffic").
   */
  stepRows(q: WindowQuery, latestMs: number): StepRows | undefined {
    const toSec = Math.floor(q.nowMs / 1000);
    const oldestSec = Math.floor(latestMs / 1000) - this.ring.retentionSeconds;
    if (toSec * 1000 <= q.startMs || toSec - q.windowSeconds < oldestSec) return undefined;
    const { reqs, lat, tcp, divisor } = this.sums(q);
    const w = this.rates(reqs, new Map(), tcp, divisor);
    const buckets: BucketRows[] = [];
    for (const [k, counts] of lat) {
      const edge = this.edges.get(k);
      if (edge) buckets.push({ ...edgeSampleLabels(edge), rates: counts.map((c) => c / divisor) });
    }
    return { requests: w.requests, tcp: w.tcp, buckets, coveredSeconds: divisor };
  }

  window(q: WindowQuery): TrafficWindow {
    const { reqs, lat, tcp, divisor, coveredMs, reach } = this.sums(q);
    const { requests, latencies, tcp: tcpSamples } = this.rates(reqs, lat, tcp, divisor);
    return {
      timestamp: new Date(q.nowMs).toISOString(),
      window: `${q.windowSeconds}s`,
      coveredSeconds: divisor,
      requests,
      latencies,
      tcp: tcpSamples,
      ...sparseWindow(q.windowSeconds, coveredMs, reach < q.windowSeconds),
    };
  }

  private rates(
    reqs: Map<string, number>,
    lat: Map<string, number[]>,
    tcp: Map<string, [number, number, number]>,
    divisor: number,
  ): Pick<TrafficWindow, 'requests' | 'latencies' | 'tcp'> {
    const requests: RequestSample[] = [];
    for (const [k, n] of reqs) {
      const s = this.store.requests.get(k);
      if (!s) continue;
      requests.push({
        ...edgeSampleLabels(s.edge),
        responseCode: s.code,
        responseFlags: s.flags,
        ...(s.grpc === '' ? {} : { grpcResponseStatus: s.grpc }),
        rps: n / divisor,
      });
    }
    const latencies: LatencySample[] = [];
    for (const [k, counts] of lat) {
      const edge = this.edges.get(k);
      const p95 = histogramQuantile(0.95, DURATION_BUCKETS_MS, counts);
      if (!edge || p95 === undefined) continue;
      latencies.push({
        ...edgeSampleLabels(edge),
        ...optionalQuantile('p50Ms', histogramQuantile(0.5, DURATION_BUCKETS_MS, counts)),
        p95Ms: p95,
        p99Ms: histogramQuantile(0.99, DURATION_BUCKETS_MS, counts) ?? p95,
      });
    }
    const tcpSamples: TcpSample[] = [];
    for (const [k, [sent, received, opened]] of tcp) {
      const edge = this.edges.get(k);
      if (!edge) continue;
      tcpSamples.push({
        ...edgeSampleLabels(edge),
        sentBytesPerSec: sent / divisor,
        receivedBytesPerSec: received / divisor,
        connectionsOpenedPerSec: opened / divisor,
      });
    }
    return { requests, latencies, tcp: tcpSamples };
  }
}

/*
 * A window reaching back before the simulator started (or past its retention) holds less data than its length: rates are
 * divided by the part covered (so they are right), and the answer says how much that is, so the UI
 * never shows a young window's few samples - or none - as a quiet "no traffic" (issue 13 item 3).
 */
function sparseWindow(
  windowSeconds: number,
  coveredMs: number,
  beyondRetention: boolean,
): Pick<TrafficWindow, 'sparse'> {
  if (coveredMs >= windowSeconds * 1000) return {};
  const covered = Math.max(0, Math.round(coveredMs / 100) / 10);
  const tooFew = coveredMs < 1000;
  return {
    sparse: {
      coveredSeconds: covered,
      tooFew,
      message: tooFew
        ? `the simulator has run for ${covered} s: too little of the ${windowSeconds} s window for steady rates yet`
        : `the window holds ${covered} s of the ${windowSeconds} s asked for (${beyondRetention ? 'the simulator keeps no more history' : `the simulator started ${covered} s ago`}); rates are over those ${covered} s`,
    },
  };
}
