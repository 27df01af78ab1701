import { parseDurationMs } from '@sluice/model';
import type { PromClient } from './prom-client';
import { RAW_METRICS, RECORDED_METRICS, type MetricNames } from './promql';

/*
 * What Sluice learns about the Prometheus it reads, re-read every minute (a config reload changes it):
 * - the scrape interval, from the targets API (the interval most targets use: in a mesh that is the
 *   sidecars, one target per pod), else the config's global scrape_interval;
 * - whether Istio's recording rules are loaded (rules API): then queries read the `workload:` series,
 *   whose sample interval is the rule group's interval when that is slower than the scrape.
 * Either read failing leaves the defaults (raw metrics, no widening): the traffic queries will then
 * report the real problem.
 */

export interface PromSetup {
  metrics: MetricNames;
  recorded: boolean;
  scrapeIntervalSeconds?: number;
  /** How often the series read get a new sample (the slower of scrape and rule interval). */
  sampleIntervalSeconds?: number;
}

const seconds = (text: unknown): number | undefined => {
  if (typeof text !== 'string') return undefined;
  const ms = parseDurationMs(text);
  return ms !== undefined && ms > 0 ? ms / 1000 : undefined;
};

async function scrapeInterval(client: PromClient, timeoutMs: number): Promise<number | undefined> {
  try {
    const data = (await client.get('api/v1/targets?state=active', timeoutMs)) as {
      activeTargets?: { scrapeInterval?: unknown }[];
    };
    const counts = new Map<number, number>();
    for (const t of data.activeTargets ?? []) {
      const s = seconds(t.scrapeInterval);
      if (s !== undefined) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    // Most common interval; on a tie the longer one (widening too much is safe, too little is not).
    const best = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    if (best) return best[0];
  } catch {
    // fall through to the config
  }
  try {
    const data = (await client.get('api/v1/status/config', timeoutMs)) as { yaml?: unknown };
    const match =
      typeof data.yaml === 'string'
        ? /^global:\s*\n(?:[ \t]+.*\n)*?[ \t]+scrape_interval:\s*(\S+)/m.exec(data.yaml)
        : null;
    return seconds(match?.[1]);
  } catch {
    return undefined;
  }
}

async function recordingRules(
  client: PromClient,
  timeoutMs: number,
): Promise<{ intervalSeconds?: number } | undefined> {
  try {
    const data = (await client.get('api/v1/rules?type=record', timeoutMs)) as {
      groups?: { interval?: unknown; rules?: { name?: unknown; type?: unknown; health?: unknown }[] }[];
    };
    const wanted = new Set(Object.values(RECORDED_METRICS));
    let interval: number | undefined;
    for (const g of data.groups ?? []) {
      for (const r of g.rules ?? []) {
        if (typeof r.name === 'string' && wanted.has(r.name) && r.health !== 'err') {
          wanted.delete(r.name);
          const i = typeof g.interval === 'number' ? g.interval : seconds(g.interval);
          if (i !== undefined) interval = Math.max(interval ?? 0, i);
        }
      }
    }
    return wanted.size === 0 ? (interval !== undefined ? { intervalSeconds: interval } : {}) : undefined;
  } catch {
    return undefined;
  }
}

/** `mode` raw/recorded skips the detection (tests that compare both paths on the same data). */
export async function readPromSetup(
  client: PromClient,
  timeoutMs: number,
  mode: 'auto' | 'raw' | 'recorded' = 'auto',
): Promise<PromSetup> {
  const [scrape, found] = await Promise.all([
    scrapeInterval(client, timeoutMs),
    mode === 'raw' ? undefined : recordingRules(client, timeoutMs),
  ]);
  const rules = mode === 'recorded' ? (found ?? {}) : found;
  const sample = scrape === undefined ? rules?.intervalSeconds : Math.max(scrape, rules?.intervalSeconds ?? 0);
  return {
    metrics: rules ? RECORDED_METRICS : RAW_METRICS,
    recorded: rules !== undefined,
    ...(scrape !== undefined ? { scrapeIntervalSeconds: scrape } : {}),
    ...(sample !== undefined ? { sampleIntervalSeconds: sample } : {}),
  };
}
