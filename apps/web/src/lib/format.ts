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

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${Math.round(ms)}ms`;
}
