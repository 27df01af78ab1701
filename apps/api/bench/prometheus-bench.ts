/*
 * The graph on a real Prometheus: `npm run bench:prometheus` (root; not part of npm test). For each
 * N it starts `mesh-sim --scale N` (N services x 3 versions), Debian's Prometheus scraping it, and
 * the API (`--demo --scale N --prometheus-url`, the same synthetic mesh as topology), waits until the
 * window is full of scrapes, then prints, side by side in the same run:
 *   - graph: GET /api/graph for all namespaces (versionedApp), median wall time over --runs;
 *   - promql: the same plan's queries sent straight to Prometheus with the same parallelism (the
 *     floor the API can reach), and the plan Sluice used before issue 12 (p95 + p99 through
 *     histogram_quantile, `or` selectors, one query for all namespaces);
 *   - edges, whether the answer was partial, and the API's RSS (current and peak).
 * Each run asks for a window one second longer than the last so the API's per-scrape-interval
 * cache (which shares an evaluation between browsers) does not answer it: every figure is a full
 * evaluation. Figures only, no assertions (DESIGN.md: speed is measured by benchmarks).
 *
 * Options: --scale 100,300 (list), --runs 5, --window 60 (seconds), --scrape 15s, --rules (load
 * Istio's recording rules, deploy/prometheus/istio-recording-rules.yml), --previous true|false
 * (time the pre-issue-12 plan too; default below 1,000 services only).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { freePort, startPrometheus, type PrometheusHandle } from '@sluice/mesh-sim/testing';
import { syntheticMesh } from '@sluice/mesh-sim';
import { createLimiter } from '../src/traffic/limit';
import {
  groupQueries,
  queryGroups,
  RAW_METRICS,
  RECORDED_METRICS,
  EDGE_LABELS,
  REQUEST_LABELS,
} from '../src/traffic/promql';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '100,300' },
    runs: { type: 'string', default: '5' },
    window: { type: 'string', default: '60' },
    scrape: { type: 'string', default: '15s' },
    rules: { type: 'boolean', default: false },
    // The pre-issue-12 plan needs Prometheus at 8-12 GB past 1,000 services: off there unless asked.
    previous: { type: 'string', default: 'auto' },
  },
});
const scales = values.scale.split(',').map(Number);
const runs = Math.max(1, Number(values.runs));
const windowSec = Number(values.window);
const scrapeSec = Number.parseInt(values.scrape, 10);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = ['--import', 'tsx'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function start(args: string[]): ChildProcess {
  const child = spawn(process.execPath, [...tsx, ...args], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function waitHttp(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(300);
  }
  throw new Error(`timed out waiting for ${url}`);
}

function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function promql(prom: PrometheusHandle, queries: string[], concurrency: number): Promise<number> {
  const limit = createLimiter(concurrency);
  const time = Date.now() / 1000;
  const t0 = performance.now();
  await Promise.all(
    queries.map((query) =>
      limit(async () => {
        const res = await fetch(`${prom.url}/api/v1/query`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ query, time: String(time), timeout: '300s' }),
        });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`PromQL ${res.status}: ${query.slice(0, 80)}`);
      }),
    ),
  );
  return performance.now() - t0;
}

/** The plan before issue 12: one query per metric over all namespaces, two histogram_quantile. */
function previousPlan(namespaces: string[], window: string): string[] {
  const ns = namespaces.join('|');
  const sumBy = (labels: readonly string[], metric: string) =>
    ['source_workload_namespace', 'destination_service_namespace']
      .map(
        (l) =>
          `sum by (${labels.join(', ')}) (rate(${metric}{reporter=~"source|destination",${l}=~"${ns}"}[${window}]))`,
      )
      .join(' or ');
  const q = (x: number) =>
    `histogram_quantile(${x}, ${sumBy(['le', ...EDGE_LABELS], 'istio_request_duration_milliseconds_bucket')})`;
  return [
    sumBy(REQUEST_LABELS, 'istio_requests_total'),
    q(0.95),
    q(0.99),
    sumBy(EDGE_LABELS, 'istio_tcp_sent_bytes_total'),
    sumBy(EDGE_LABELS, 'istio_tcp_received_bytes_total'),
    sumBy(EDGE_LABELS, 'istio_tcp_connections_opened_total'),
  ];
}

async function bench(n: number): Promise<void> {
  const namespaces = syntheticMesh({ services: n }).namespaces;
  const simPort = await freePort();
  const sim = start(['packages/mesh-sim/src/cli.ts', '--scale', String(n), '--listen', `127.0.0.1:${simPort}`]);
  let prom: PrometheusHandle | undefined;
  let api: ChildProcess | undefined;
  try {
    await waitHttp(`http://127.0.0.1:${simPort}/metrics`, 120_000);
    const rules = fileURLToPath(new URL('../../../deploy/prometheus/istio-recording-rules.yml', import.meta.url));
    prom = await startPrometheus({
      targets: [`127.0.0.1:${simPort}`],
      scrapeInterval: values.scrape,
      ...(values.rules ? { ruleFiles: [rules] } : {}),
    });
    await prom.waitForTargets(120_000);
    const apiPort = await freePort();
    api = start([
      'apps/api/src/server.ts',
      '--demo',
      '--scale',
      String(n),
      '--prometheus-url',
      prom.url,
      '--port',
      String(apiPort),
      '--log-level',
      'warn',
    ]);
    const base = `http://127.0.0.1:${apiPort}`;
    await waitHttp(`${base}/api/healthz`, 120_000);
    const warm = windowSec + runs + 2 * scrapeSec;
    console.log(`N=${n}: ${namespaces.length} namespaces; filling a ${windowSec + runs} s window (${warm} s)...`);
    await sleep(warm * 1000);

    // One request first: the API reads Prometheus's setup (targets, rules) once a minute, not per graph.
    await fetch(`${base}/api/graph?namespaces=${namespaces.join(',')}&window=${windowSec + runs + 1}s`);
    const runPrevious = values.previous === 'auto' ? n < 1000 : values.previous === 'true';
    const graphMs: number[] = [];
    const completeMs: number[] = [];
    const planMs: number[] = [];
    const beforeMs: number[] = [];
    let edges = 0;
    let partial = 0;
    let widened = '';
    for (let i = 0; i < runs; i++) {
      const window = `${windowSec + i}s`;
      const t0 = performance.now();
      const res = await fetch(`${base}/api/graph?namespaces=${namespaces.join(',')}&window=${window}`);
      const body = (await res.json()) as {
        edges: unknown[];
        partial?: unknown;
        metricsError?: string;
        windowWidenedFrom?: string;
        window: string;
      };
      graphMs.push(performance.now() - t0);
      if (body.metricsError) console.log(`  run ${i}: metricsError ${body.metricsError}`);
      edges = body.edges.length;
      if (body.partial) partial++;
      else completeMs.push(graphMs[graphMs.length - 1] as number);
      if (body.windowWidenedFrom) widened = `${body.windowWidenedFrom} -> ${body.window}`;
      // The same plan straight to Prometheus (same groups, same parallelism: 4 rate + 2 latency slots).
      const metrics = values.rules ? RECORDED_METRICS : RAW_METRICS;
      const groups = queryGroups(namespaces);
      const w2 = `${windowSec + i}s`;
      planMs.push(
        await promql(
          prom,
          [
            ...groups.map((g) => groupQueries(metrics, g, w2).requests),
            ...groups.map((g) => groupQueries(metrics, g, w2).tcp),
            ...groups.map((g) => groupQueries(metrics, g, w2).latencyBuckets),
          ],
          4,
        ),
      );
      if (runPrevious) beforeMs.push(await promql(prom, previousPlan(namespaces, w2), 6));
    }
    const mem = rssMb(api.pid as number);
    console.log(
      `N=${n} services (${n * 3} workloads), window ${windowSec}s, scrape ${values.scrape}${values.rules ? ', recording rules' : ''}: ` +
        `graph median ${s(median(graphMs))} (min ${s(Math.min(...graphMs))}; complete answers only: ${completeMs.length ? s(median(completeMs)) : 'none'}); ` +
        `same plan as raw PromQL ${s(median(planMs))}; ` +
        `previous plan (2 x histogram_quantile) ${beforeMs.length ? s(median(beforeMs)) : 'skipped'}; ` +
        `${edges} edges; partial ${partial}/${runs}${widened ? `; widened ${widened}` : ''}; ` +
        `API RSS ${mem.rss.toFixed(0)} MB (peak ${mem.peak.toFixed(0)} MB)`,
    );
  } finally {
    api?.kill('SIGTERM');
    await prom?.stop();
    sim.kill('SIGTERM');
    await sleep(500);
  }
}

for (const n of scales) await bench(n);
