import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * A real Prometheus (Debian's package, /usr/bin/prometheus) for tests: its own config, data folder
 * and a free port on 127.0.0.1, scraping the given targets every second. stop() kills it and
 * removes the folder. Nothing here is mocked: the PromQL a suite runs is what Kiali would run.
 */

export interface PrometheusOptions {
  /** Scrape targets as "host:port" (path /metrics unless metricsPath says otherwise). */
  targets: string[];
  metricsPath?: string;
  scrapeInterval?: string;
  /** Rule files to load (e.g. deploy/prometheus/istio-recording-rules.yml), evaluated every scrape interval. */
  ruleFiles?: string[];
  binary?: string;
  /** How long to wait for /-/ready (default 20 s). */
  readyTimeoutMs?: number;
}

export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

export interface PrometheusHandle {
  url: string;
  /** Instant query; throws on a PromQL error. */
  query(promql: string): Promise<PromSample[]>;
  /** Resolves once every target has been scraped successfully at least once. */
  waitForTargets(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function configYaml(o: PrometheusOptions): string {
  const interval = o.scrapeInterval ?? '1s';
  return [
    'global:',
    `  scrape_interval: ${interval}`,
    `  evaluation_interval: ${interval}`,
    ...(o.ruleFiles?.length ? ['rule_files:', ...o.ruleFiles.map((f) => `  - ${JSON.stringify(f)}`)] : []),
    'scrape_configs:',
    '  - job_name: mesh',
    `    metrics_path: ${o.metricsPath ?? '/metrics'}`,
    `    scrape_timeout: ${interval}`,
    '    static_configs:',
    `      - targets: [${o.targets.map((t) => JSON.stringify(t)).join(', ')}]`,
    '',
  ].join('\n');
}

export async function startPrometheus(o: PrometheusOptions): Promise<PrometheusHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-prom-'));
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, configYaml(o));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    o.binary ?? '/usr/bin/prometheus',
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async (): Promise<void> => {
    if (!exited) {
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(5000)]);
      if (!exited) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      async () => {
        if (exited) throw new Error(`prometheus exited: ${stderr}`);
        return (await fetch(`${url}/-/ready`)).ok;
      },
      o.readyTimeoutMs ?? 20_000,
      'prometheus to be ready',
    );
  } catch (e) {
    await stop();
    throw e instanceof Error ? new Error(`${e.message}\n${stderr}`) : e;
  }
  const query = async (promql: string): Promise<PromSample[]> => {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    if (body.status !== 'success') throw new Error(`PromQL error: ${body.error ?? res.status}`);
    return (body.data?.result ?? []).map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
  };
  const waitForTargets = (timeoutMs = 15_000): Promise<void> =>
    waitFor(
      async () => {
        const up = await query('up');
        return up.length === o.targets.length && up.every((s) => s.value === 1);
      },
      timeoutMs,
      'scrape targets to be up',
    );
  return { url, query, waitForTargets, stop };
}
