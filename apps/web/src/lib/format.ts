/** Display helpers shared by graph, tables and forms; one place so every view shows the same numbers. */

export function formatPercent(fraction: number, digits = 0): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function formatRps(rps: number): string {
  if (rps === 0) return '0';
  if (rps < 0.1) return rps.toFixed(3);
  if (rps < 10) return rps.toFixed(2);
  return rps.toFixed(1);
}

/** Bytes per second, in B/s, kB/s or MB/s (decimal units, as Istio's byte counters). */
export function formatBytes(perSec: number): string {
  if (perSec >= 1e6) return `${(perSec / 1e6).toFixed(1)} MB/s`;
  if (perSec >= 1e3) return `${(perSec / 1e3).toFixed(1)} kB/s`;
  return `${perSec.toFixed(0)} B/s`;
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${Math.round(ms)}ms`;
}

/** An age as kubectl prints it: the largest unit, whole (45s, 12m, 3h, 5d); `–` without a start. */
export function formatAge(since: string | undefined, now = Date.now()): string {
  const start = since === undefined ? NaN : Date.parse(since);
  if (Number.isNaN(start)) return '–';
  const s = Math.max(0, Math.floor((now - start) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}
