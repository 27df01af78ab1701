import { HEALTHY, type EdgeLabels, type TrafficWindow, type VersionHealth, type Workload } from '@sluice/model';
import type { ConfigSource } from '../config/config-source';
import { MetricsRecorder, type StepRows } from '../metrics/recorder';
import type { TcpRecord } from '../metrics/series-store';
import { serveMetricsText, type MetricsServer } from '../metrics/serve-metrics';
import { createRandom } from '../random/prng';
import type { ScenarioProfile } from '../scenarios/profile-types';
import { Behaviours } from './behaviours';
import type { Call, Caller, FlowContext, Outcome } from './flow-context';
import { UpstreamPolicies } from './upstream-policies';
import { runGenerators } from './generators';
import { sendHttp } from './http-hop';
import { MeshView } from './mesh-view';
import { sendTcp } from './tcp-hop';

/*
 * The demo data plane. Time moves in ticks: in realtime mode on a timer, in tests by advance().
 * Each tick re-reads the config if it changed (so an edit shows within one tick, <= 1 s), runs
 * the generators and routes every request hop by hop.
 */

export interface SimulatorOptions {
  config: ConfigSource;
  profiles: readonly ScenarioProfile[];
  seed?: number;
  /** Wall clock for realtime mode and the start time (default Date.now). */
  clock?: { now(): number };
  /** start() ticks on a timer; without it, only advance() moves time. */
  realtime?: boolean;
  /** Simulated milliseconds per tick (default 500: config changes apply within a second). */
  tickMs?: number;
  /** Cohort sampling for large meshes: exact multinomial splits instead of one draw per request. */
  batched?: boolean;
  /** How far back query() can look (default 600 s). */
  retentionSeconds?: number;
  /** Expose istio_request_bytes / istio_response_bytes (default true; off for huge meshes). */
  sizeHistograms?: boolean;
}

export interface Simulator {
  start(): void;
  stop(): void;
  /** Move simulated time forward by `ms`, in ticks. */
  advance(ms: number): void;
  /** Rates over the last `windowSeconds`, for edges touching `namespaces` (all when omitted). */
  query(windowSeconds: number, namespaces?: readonly string[]): TrafficWindow;
  /**
   * One step of a history: rates over the `windowSeconds` ending at `endMs` (at or before now), with
   * duration histograms as bucket rates. Undefined when that step is before the run or past the retention.
   */
  stepRows(
    windowSeconds: number,
    endMs: number,
    namespaces?: readonly string[],
    keep?: (labels: EdgeLabels) => boolean,
  ): StepRows | undefined;
  metricsText(): string;
  serveMetrics(opts?: { host?: string; port?: number }): Promise<MetricsServer>;
  /** Requests served per pod ("namespace/workload-index"). */
  podLoad(): ReadonlyMap<string, number>;
  /** Simulated time of the latest tick (ms since epoch). */
  now(): number;
  setProfiles(profiles: readonly ScenarioProfile[]): void;
  /**
   * Demo: make one version of an app unhealthy (or healthy again with HEALTHY). Applied at the
   * destination, from the next tick: 5xx from the workload itself and latency in its own processing.
   */
  setVersionHealth(namespace: string, app: string, version: string, health: VersionHealth): void;
  versionHealth(namespace: string, app: string, version: string): VersionHealth;
  /** Called after every tick (new samples are ready); returns the unsubscribe function. */
  onTick(listener: (nowMs: number) => void): () => void;
}

const MAX_DEPTH = 16;
/** After a stall (a suspended laptop, a debugger) realtime mode skips ahead instead of replaying it all at once. */
const MAX_GAP_TICKS = 10;

export function createSimulator(opts: SimulatorOptions): Simulator {
  const clock = opts.clock ?? { now: () => Date.now() };
  const tickMs = opts.tickMs ?? 500;
  const rng = createRandom(opts.seed ?? 1);
  const recorder = new MetricsRecorder(opts.retentionSeconds ?? 600, opts.sizeHistograms ?? true);
  // The API asks for the same window several times per tick (graph, service views): answer once.
  const queries = new Map<string, TrafficWindow>();
  let queriesAt = Number.NaN;
  let profiles = opts.profiles;
  let behaviours = new Behaviours(profiles);
  let view = new MeshView(opts.config.snapshot());
  let dirty = false;
  const startMs = clock.now();
  let lastTick = startMs;
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined = opts.config.subscribe(() => (dirty = true));
  const closes: { atMs: number; record: TcpRecord }[] = [];
  const podLoad = new Map<string, number>();
  const tickListeners = new Set<(nowMs: number) => void>();
  const healthByVersion = new Map<string, VersionHealth>();
  const healthKey = (ns: string, app: string, version: string) => `${ns}/${app}@${version}`;
  const healthOf = (w: Workload) =>
    healthByVersion.size === 0
      ? undefined
      : healthByVersion.get(healthKey(w.namespace, w.labels.app ?? w.name, w.labels.version ?? ''));

  const ctx: FlowContext = {
    view,
    rng,
    recorder,
    nowMs: lastTick,
    behaviour: (w) => behaviours.of(w),
    health: healthOf,
    call: (caller: Caller, call: Call, count: number, depth: number): Outcome[] => {
      // A routing loop in a user's config must not hang the simulator.
      if (depth > MAX_DEPTH) return [{ count, code: 508, grpc: '', flags: '-', latencyMs: 0 }];
      return call.protocol === 'tcp' ? sendTcp(ctx, caller, call, count) : sendHttp(ctx, caller, call, count, depth);
    },
    scheduleTcp: (atMs, record) => closes.push({ atMs, record }),
    podLoad,
    policies: new UpstreamPolicies(),
  };

  function tickTo(t: number): void {
    if (t <= lastTick) return;
    if (dirty) {
      dirty = false;
      view = new MeshView(opts.config.snapshot());
      ctx.view = view;
    }
    const dt = Math.min(t - lastTick, MAX_GAP_TICKS * tickMs);
    lastTick = t;
    ctx.nowMs = t;
    for (let i = closes.length - 1; i >= 0; i--) {
      const c = closes[i] as (typeof closes)[number];
      if (c.atMs <= t) {
        recorder.tcp(c.record, t);
        closes.splice(i, 1);
      }
    }
    ctx.policies.endTick(dt);
    runGenerators(ctx, profiles, dt, opts.batched ?? false);
    for (const l of [...tickListeners]) l(t);
  }

  return {
    start() {
      if (timer || !opts.realtime) return;
      unsubscribe ??= opts.config.subscribe(() => (dirty = true));
      timer = setInterval(() => tickTo(clock.now()), tickMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      unsubscribe?.();
      unsubscribe = undefined;
    },
    advance(ms) {
      const target = lastTick + ms;
      while (lastTick < target) tickTo(Math.min(lastTick + tickMs, target));
    },
    query(windowSeconds, namespaces) {
      if (queriesAt !== lastTick) {
        queries.clear();
        queriesAt = lastTick;
      }
      const key = `${windowSeconds}|${namespaces ? [...namespaces].sort().join(',') : '*'}`;
      let w = queries.get(key);
      if (!w) {
        w = recorder.window({ windowSeconds, ...(namespaces ? { namespaces } : {}), nowMs: lastTick, startMs });
        queries.set(key, w);
      }
      return w;
    },
    stepRows(windowSeconds, endMs, namespaces, keep) {
      if (endMs > lastTick) return undefined;
      const q = {
        windowSeconds,
        ...(namespaces ? { namespaces } : {}),
        ...(keep ? { keep } : {}),
        nowMs: endMs,
        startMs,
      };
      return recorder.stepRows(q, lastTick);
    },
    metricsText: () => recorder.metricsText(),
    serveMetrics: (o) => serveMetricsText(() => recorder.metricsChunks(), o),
    podLoad: () => podLoad,
    now: () => lastTick,
    onTick(listener) {
      tickListeners.add(listener);
      return () => tickListeners.delete(listener);
    },
    setVersionHealth(namespace, app, version, health) {
      const key = healthKey(namespace, app, version);
      if (health.errorRate === 0 && health.extraLatencyMs === 0) healthByVersion.delete(key);
      else healthByVersion.set(key, { ...health });
    },
    versionHealth: (namespace, app, version) => ({
      ...(healthByVersion.get(healthKey(namespace, app, version)) ?? HEALTHY),
    }),
    setProfiles(next) {
      profiles = next;
      behaviours = new Behaviours(next);
    },
  };
}
