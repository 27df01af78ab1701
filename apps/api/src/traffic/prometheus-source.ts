import type { TrafficWindow } from '@sluice/model';
import { metricsUnavailable } from './errors';
import { parseVector, toLatencySamples, toRequestSamples, toTcpSamples, type VectorItem } from './prom-parse';
import { trafficQueries } from './promql';
import type { TrafficSource } from './traffic-source';

/*
 * TrafficSource over Prometheus's HTTP API (/api/v1/query, instant queries evaluated at one common
 * time so the series of a window line up). Any failure to reach or read Prometheus becomes an
 * AppError 'unavailable' (503): the graph then falls back to topology with `metricsError`.
 */

export interface PrometheusSourceOptions {
  /** Base URL, e.g. http://prometheus.istio-system:9090 (a path prefix is kept). */
  url: string;
  fetch?: typeof fetch;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
  /** Clock for the evaluation time; tests pin it. */
  now?: () => Date;
}

export function createPrometheusSource(options: PrometheusSourceOptions): TrafficSource {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? (() => new Date());
  const base = options.url.endsWith('/') ? options.url : `${options.url}/`;

  async function instant(query: string, time: number): Promise<VectorItem[]> {
    let response: Response;
    try {
      response = await doFetch(new URL('api/v1/query', base), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query, time: String(time) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw metricsUnavailable(`Prometheus at ${options.url} cannot be reached`, err);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const detail = (body as { error?: unknown } | undefined)?.error;
      throw metricsUnavailable(
        `Prometheus answered ${response.status}${typeof detail === 'string' ? `: ${detail}` : ''}`,
      );
    }
    try {
      return parseVector(body);
    } catch (err) {
      throw metricsUnavailable(`Prometheus at ${options.url} answered an unexpected shape`, err);
    }
  }

  return {
    kind: 'prometheus',
    async query(namespaces, window) {
      const at = now();
      const time = at.getTime() / 1000;
      const q = trafficQueries(namespaces, window);
      const [requests, p95, p99, sent, received, opened] = await Promise.all(
        [q.requests, q.p95, q.p99, q.tcpSent, q.tcpReceived, q.tcpOpened].map((text) => instant(text, time)),
      );
      const result: TrafficWindow = {
        timestamp: at.toISOString(),
        window,
        requests: toRequestSamples(requests ?? []),
        latencies: toLatencySamples(p95 ?? [], p99 ?? []),
        tcp: toTcpSamples(sent ?? [], received ?? [], opened ?? []),
      };
      return result;
    },
    async ping() {
      try {
        const response = await doFetch(new URL('-/ready', base), { signal: AbortSignal.timeout(timeoutMs) });
        return response.ok;
      } catch {
        return false;
      }
    },
  };
}
