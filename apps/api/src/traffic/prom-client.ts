import { metricsUnavailable } from './errors';
import { parseMatrix, parseVector, type MatrixItem, type VectorItem } from './prom-parse';

/*
 * The few Prometheus HTTP API calls Sluice makes. Every call has a deadline; instant queries also
 * pass it to Prometheus as `timeout` so an abandoned evaluation stops there too instead of loading the
 * server for the next refresh (what made the 300-service graph slower and slower under Kiali-style polling).
 * Failures become AppError 'unavailable' (503) with the reason; a timeout is marked so callers can
 * degrade (latency) rather than fail (rates).
 */

export class PromTimeout extends Error {}

export interface PromClient {
  url: string;
  instant(query: string, time: number, timeoutMs: number): Promise<VectorItem[]>;
  /** A range query (`query_range`): start/end/step in seconds. */
  range(query: string, start: number, end: number, step: number, timeoutMs: number): Promise<MatrixItem[]>;
  /** GET a JSON API path (e.g. api/v1/targets); `data` of the answer. */
  get(path: string, timeoutMs: number): Promise<unknown>;
  ready(timeoutMs: number): Promise<boolean>;
}

export function createPromClient(url: string, doFetch: typeof fetch = fetch): PromClient {
  const base = url.endsWith('/') ? url : `${url}/`;

  async function call(path: string, init: RequestInit, timeoutMs: number): Promise<unknown> {
    let response: Response;
    let body: unknown;
    try {
      response = await doFetch(new URL(path, base), { ...init, signal: AbortSignal.timeout(timeoutMs) });
      body = await response.json().catch(() => undefined);
    } catch (err) {
      if (err instanceof Error && err.name === 'TimeoutError')
        throw new PromTimeout(`Prometheus did not answer within ${Math.round(timeoutMs / 100) / 10} s`);
      throw metricsUnavailable(`Prometheus at ${url} cannot be reached`, err);
    }
    if (!response.ok) {
      const detail = (body as { error?: unknown } | undefined)?.error;
      const text = typeof detail === 'string' ? detail : '';
      // Prometheus answers 503 with "query timed out" when its own `timeout` hits first.
      if (/timed out|timeout/i.test(text)) throw new PromTimeout(`Prometheus gave up: ${text}`);
      throw metricsUnavailable(`Prometheus answered ${response.status}${text ? `: ${text}` : ''}`);
    }
    return body;
  }

  return {
    url,
    async instant(query, time, timeoutMs) {
      const body = await call(
        'api/v1/query',
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            query,
            time: String(time),
            timeout: `${Math.max(1, Math.floor(timeoutMs / 1000))}s`,
          }),
        },
        timeoutMs,
      );
      try {
        return parseVector(body);
      } catch (err) {
        throw metricsUnavailable(`Prometheus at ${url} answered an unexpected shape`, err);
      }
    },
    async range(query, start, end, step, timeoutMs) {
      const body = await call(
        'api/v1/query_range',
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            query,
            start: String(start),
            end: String(end),
            step: String(step),
            timeout: `${Math.max(1, Math.floor(timeoutMs / 1000))}s`,
          }),
        },
        timeoutMs,
      );
      try {
        return parseMatrix(body);
      } catch (err) {
        throw metricsUnavailable(`Prometheus at ${url} answered an unexpected shape`, err);
      }
    },
    async get(path, timeoutMs) {
      const body = (await call(path, {}, timeoutMs)) as { status?: unknown; data?: unknown } | undefined;
      if (body?.status !== 'success') throw metricsUnavailable(`Prometheus at ${url} answered an unexpected shape`);
      return body.data;
    },
    async ready(timeoutMs) {
      try {
        const response = await doFetch(new URL('-/ready', base), { signal: AbortSignal.timeout(timeoutMs) });
        return response.ok;
      } catch {
        return false;
      }
    },
  };
}
