import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/*
 * Sluice's own Prometheus metrics (GET /metrics), every name prefixed `sluice_`. One registry per
 * app rather than prom-client's global one, so tests can build several apps in one process. Gauges
 * that mirror state elsewhere (SSE clients, sessions) read it when scraped, through providers the
 * owners register, so nothing has to remember to decrement.
 */

export interface SluiceMetrics {
  registry: Registry;
  /** HTTP requests by route template (`/api/namespaces/:ns/services`, never a raw path), method and status. */
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Calls to Prometheus's HTTP API by endpoint and outcome (ok, error, timeout). */
  prometheusDuration: Histogram<'endpoint' | 'outcome'>;
  /** Kubernetes watches that failed and were restarted, by resource. */
  watchRestarts: Counter<'resource'>;
  /** Open server-sent-event streams (GET /api/events). */
  sseClients: Gauge;
  /** Logged-in sessions holding their own cluster watches (token auth). */
  activeSessions: Gauge;
  /** The current value of sseClients / activeSessions comes from here when scraped. */
  provide(gauge: 'sseClients' | 'activeSessions', read: () => number): void;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(options: { processMetrics?: boolean } = {}): SluiceMetrics {
  const registry = new Registry();
  // CPU, memory, event-loop lag, file descriptors, GC: the usual Node process metrics, prefixed.
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'sluice_' });
  const providers: Partial<Record<'sseClients' | 'activeSessions', () => number>> = {};
  const fromProvider = (key: 'sseClients' | 'activeSessions') =>
    function collect(this: Gauge) {
      this.set(providers[key]?.() ?? 0);
    };
  return {
    registry,
    httpDuration: new Histogram({
      name: 'sluice_http_request_duration_seconds',
      help: 'Duration of HTTP requests served by Sluice, by route template, method and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    prometheusDuration: new Histogram({
      name: 'sluice_prometheus_query_duration_seconds',
      help: "Duration of Sluice's calls to Prometheus's HTTP API, by endpoint and outcome (ok, error, timeout)",
      labelNames: ['endpoint', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    watchRestarts: new Counter({
      name: 'sluice_watch_restarts_total',
      help: 'Kubernetes list+watch streams that failed and were restarted, by resource',
      labelNames: ['resource'],
      registers: [registry],
    }),
    sseClients: new Gauge({
      name: 'sluice_sse_clients',
      help: 'Open server-sent-event streams (GET /api/events)',
      registers: [registry],
      collect: fromProvider('sseClients'),
    }),
    activeSessions: new Gauge({
      name: 'sluice_active_sessions',
      help: 'Logged-in sessions holding cluster watches (--auth token; 0 otherwise)',
      registers: [registry],
      collect: fromProvider('activeSessions'),
    }),
    provide(gauge, read) {
      providers[gauge] = read;
    },
  };
}
