import type { LatencySample, PartialTraffic, SparseWindow, TrafficPart, TrafficWindow } from '@sluice/model';
import { metricsUnavailable } from './errors';
import { createLimiter } from './limit';
import { createPromClient, PromTimeout, type PromClient } from './prom-client';
import { toLatencySamples, toRequestSamples, toTcpSamplesTagged, type VectorItem } from './prom-parse';
import { readPromSetup, type PromSetup } from './prom-setup';
import type { HistoryAnswer } from './history';
import { prometheusHistory } from './prometheus-history';
import { groupQueries, queryGroups, type QueryGroup } from './promql';
import type { TrafficSource } from './traffic-source';
import { chooseWindow, type WindowChoice } from './window-policy';

/*
 * TrafficSource over Prometheus's HTTP API (instant queries evaluated at one common time so the
 * series of a window line up). The plan, in ./promql: per-namespace query groups run with bounded
 * parallelism; rates and response codes are what the answer waits for; latency comes from one
 * bucket-rate query per group and may arrive later (see below); TCP too.
 *
 * - The window is widened to 4 sample intervals when shorter (./window-policy), and the answer says so.
 * - One evaluation per (namespaces, window) per sample interval: concurrent and repeated requests
 *   (many open browsers, the graph and the side panel) share it.
 * - Latency: a graph request waits up to `latencyWaitMs` for it. If it is not there yet the answer is
 *   `partial` (rates complete, latency missing, why); the evaluation carries on up to
 *   `latencyTimeoutMs` and later answers use it while it is younger than the window, with
 *   `latencyAsOf` saying when it was evaluated.
 * - Any failure to reach Prometheus or read the rates is an AppError 'unavailable' (503): the graph
 *   then falls back to topology with `metricsError`.
 */

export interface PrometheusSourceOptions {
  /** Base URL, e.g. http://prometheus.istio-system:9090 (a path prefix is kept). */
  url: string;
  fetch?: typeof fetch;
  /** Deadline of each rate query (requests, TCP); default 30 s. */
  timeoutMs?: number;
  /** How long an answer waits for latency before going out partial; default 5 s. */
  latencyWaitMs?: number;
  /** Deadline of a latency evaluation (it goes on in the background after latencyWaitMs); default 60 s. */
  latencyTimeoutMs?: number;
  /** Rate queries in flight at once (default 4); latency queries get half as many slots of their own. */
  concurrency?: number;
  /** `raw` or `recorded` to skip detection of Istio's recording rules (tests comparing both). */
  metrics?: 'auto' | 'raw' | 'recorded';
  /** Clock for the evaluation time; tests pin it. */
  now?: () => Date;
}

interface LatencyResult {
  at: Date;
  samples: LatencySample[];
  failed: string[];
  error?: string;
}

interface LatencyEntry {
  promise: Promise<LatencyResult>;
  done?: LatencyResult;
  previous?: LatencyResult;
}

const SETUP_TTL_MS = 60_000;
const MAX_KEYS = 64;

export function createPrometheusSource(options: PrometheusSourceOptions): TrafficSource {
  const client = createPromClient(options.url, options.fetch ?? fetch);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const latencyWaitMs = options.latencyWaitMs ?? 5_000;
  const latencyTimeoutMs = options.latencyTimeoutMs ?? 60_000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const rateSlots = createLimiter(concurrency);
  const latencySlots = createLimiter(Math.max(1, Math.floor(concurrency / 2)));
  const now = options.now ?? (() => new Date());
  const setup = setupReader(client, options.metrics ?? 'auto', Math.min(timeoutMs, 5_000));
  const answers = new Map<string, { at: number; promise: Promise<TrafficWindow> }>();
  const latencies = new Map<string, LatencyEntry>();
  const histories = new Map<string, { at: number; promise: Promise<HistoryAnswer> }>();

  function remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > MAX_KEYS) map.delete(map.keys().next().value as string);
  }

  async function evaluate(namespaces: string[], requested: string, s: PromSetup, choice: WindowChoice, key: string) {
    const at = now();
    const time = at.getTime() / 1000;
    const groups = queryGroups(namespaces);
    const rates = (q: string) => rateSlots(() => client.instant(q, time, timeoutMs));
    const latency = latencyFor(key, groups, s, choice, at);
    const [requests, tcp, scrapes] = await Promise.all([
      Promise.all(groups.map((g) => rates(groupQueries(s.metrics, g, choice.window).requests))).catch(rateFailure),
      Promise.allSettled(groups.map((g) => rates(groupQueries(s.metrics, g, choice.window).tcp))),
      rates(`max(count_over_time(up[${choice.window}]))`).catch(() => undefined),
    ]);
    // Latency gets until latencyWaitMs after the start (or until the rates are in, if later).
    const windowMs = choice.windowSeconds * 1000;
    const young = (r?: LatencyResult) => (r && at.getTime() - r.at.getTime() < windowMs ? r : undefined);
    const lat =
      (await waitFor(latency.promise, Math.max(0, at.getTime() + latencyWaitMs - now().getTime()))) ??
      young(latency.fallback);
    const missing: TrafficPart[] = [];
    const reasons: string[] = [];
    if (!lat || lat.error !== undefined || lat.failed.length > 0) {
      missing.push('latency');
      reasons.push(
        !lat
          ? `latency was not ready within ${latencyWaitMs / 1000} s; it will show on a later refresh`
          : `latency for ${lat.failed.join(', ')}: ${lat.error ?? 'failed'}`,
      );
    }
    const tcpFailed = tcp.flatMap((r, i) => (r.status === 'rejected' ? [[groups[i]?.name, r.reason] as const] : []));
    if (tcpFailed.length > 0) {
      missing.push('tcp');
      reasons.push(`TCP rates for ${tcpFailed.map(([n]) => n).join(', ')}: ${message(tcpFailed[0]?.[1])}`);
    }
    const partial: PartialTraffic | undefined = missing.length ? { missing, reason: reasons.join('; ') } : undefined;
    const sparse = sparseWindow(scrapes, choice, s.scrapeIntervalSeconds);
    const latencyAsOf = lat && lat.at.getTime() !== at.getTime() ? lat.at.toISOString() : undefined;
    const result: TrafficWindow = {
      timestamp: at.toISOString(),
      window: choice.window,
      requests: toRequestSamples(requests.flat()),
      latencies: lat?.samples ?? [],
      tcp: toTcpSamplesTagged(tcp.flatMap((r) => (r.status === 'fulfilled' ? r.value : []))),
      ...(choice.widenedFrom ? { windowWidenedFrom: requested, windowNote: choice.note ?? '' } : {}),
      ...(s.scrapeIntervalSeconds !== undefined ? { scrapeIntervalSeconds: s.scrapeIntervalSeconds } : {}),
      ...(sparse ? { sparse } : {}),
      ...(partial ? { partial } : {}),
      ...(latencyAsOf ? { latencyAsOf } : {}),
    };
    return result;
  }

  /**
   * The latency of this key: the running evaluation (shared), a finished one younger than a sample
   * interval, or a new one. `fallback` is the last finished result, usable while younger than the window.
   */
  function latencyFor(key: string, groups: QueryGroup[], s: PromSetup, choice: WindowChoice, at: Date) {
    const entry = latencies.get(key);
    if (entry && !entry.done) return { promise: entry.promise, fallback: entry.previous };
    if (entry?.done && at.getTime() - entry.done.at.getTime() < 1000 * (s.sampleIntervalSeconds ?? 1)) {
      return { promise: entry.promise };
    }
    const time = at.getTime() / 1000;
    const promise = Promise.allSettled(
      groups.map((g) =>
        latencySlots(() =>
          client.instant(groupQueries(s.metrics, g, choice.window).latencyBuckets, time, latencyTimeoutMs),
        ),
      ),
    ).then((settled): LatencyResult => {
      const failed = settled.flatMap((r, i) => (r.status === 'rejected' ? [groups[i]?.name ?? '?'] : []));
      const firstError = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      return {
        at,
        samples: toLatencySamples(settled.flatMap((r) => (r.status === 'fulfilled' ? r.value : []))),
        failed,
        ...(firstError ? { error: message(firstError.reason) } : {}),
      };
    });
    const previous = entry?.done ?? entry?.previous;
    const fresh: LatencyEntry = { promise, ...(previous ? { previous } : {}) };
    void promise.then((r) => (fresh.done = r));
    remember(latencies, key, fresh);
    return { promise, fallback: previous };
  }

  return {
    kind: 'prometheus',
    async query(namespaces, window) {
      const s = await setup();
      const choice = chooseWindow(window, s.sampleIntervalSeconds);
      const key = `${[...new Set(namespaces)].sort().join(',')}|${choice.windowSeconds}|${s.recorded ? 'rec' : 'raw'}`;
      const ttl = 1000 * (s.sampleIntervalSeconds ?? 1);
      const cached = answers.get(key);
      if (cached && now().getTime() - cached.at < ttl) return relabel(await cached.promise, window, choice);
      const promise = evaluate(namespaces, window, s, choice, key);
      remember(answers, key, { at: now().getTime(), promise });
      promise.catch(() => answers.delete(key));
      return relabel(await promise, window, choice);
    },
    async history(req) {
      const s = await setup();
      // Open charts refresh on every traffic event (2 s); Prometheus has new data once per sample
      // interval, so one evaluation per request shape per interval serves them all.
      const key = `history|${JSON.stringify(req)}|${s.recorded ? 'rec' : 'raw'}`;
      const ttl = 1000 * (s.sampleIntervalSeconds ?? 1);
      const cached = histories.get(key);
      if (cached && now().getTime() - cached.at < ttl) return cached.promise;
      const promise = prometheusHistory(client, s, req, timeoutMs, Math.floor(now().getTime() / 1000)).catch(
        rateFailure,
      );
      remember(histories, key, { at: now().getTime(), promise });
      promise.catch(() => histories.delete(key));
      return promise;
    },
    ping: () => client.ready(timeoutMs),
  };
}

/** A shared answer evaluated for another requested window (both widened to the same one). */
function relabel(w: TrafficWindow, requested: string, choice: WindowChoice): TrafficWindow {
  if ((w.windowWidenedFrom ?? w.window) === requested) return w;
  const { windowWidenedFrom: _f, windowNote: _n, ...rest } = w;
  return choice.widenedFrom ? { ...rest, windowWidenedFrom: requested, windowNote: choice.note ?? '' } : rest;
}

function setupReader(client: PromClient, mode: 'auto' | 'raw' | 'recorded', timeoutMs: number) {
  let current: { at: number; promise: Promise<PromSetup> } | undefined;
  return (): Promise<PromSetup> => {
    if (!current || Date.now() - current.at > SETUP_TTL_MS) {
      const promise = readPromSetup(client, timeoutMs, mode);
      current = { at: Date.now(), promise };
    }
    return current.promise;
  };
}

async function waitFor<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function rateFailure(err: unknown): never {
  if (err instanceof PromTimeout) throw metricsUnavailable(`the request-rate query timed out: ${err.message}`, err);
  throw err;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * From the number of scrapes of the busiest target in the window: fewer than 2 means no rate at all
 * (a young Prometheus, or a window shorter than two scrapes); fewer than the window should hold means
 * the rates cover only part of it.
 */
function sparseWindow(
  scrapes: VectorItem[] | undefined,
  choice: WindowChoice,
  intervalSeconds: number | undefined,
): SparseWindow | undefined {
  const count = scrapes?.[0]?.value;
  if (count === undefined) return undefined;
  if (count < 2) {
    return {
      coveredSeconds: 0,
      scrapes: count,
      tooFew: true,
      message: `the last ${choice.window} holds ${count} scrape${count === 1 ? '' : 's'} of the mesh; a rate needs at least 2, so no traffic can be shown yet`,
    };
  }
  if (intervalSeconds === undefined) return undefined;
  const covered = (count - 1) * intervalSeconds;
  if (covered >= choice.windowSeconds - 2 * intervalSeconds) return undefined;
  return {
    coveredSeconds: covered,
    scrapes: count,
    tooFew: false,
    message: `the last ${choice.window} holds only ${count} scrapes (about ${covered} s of data: Prometheus or the mesh started recently); rates are over that part`,
  };
}
