/*
 * Go-style durations as Istio writes them ("1s", "500ms", "1.5s", "1m30s", "2h").
 * Kept apart so validation, routing and the simulator read durations the same way.
 */
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
const DURATION_RE = /^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/;
const PART_RE = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;

/** Milliseconds for a Go-style duration, or undefined when the text is not one. */
export function parseDurationMs(text: string): number | undefined {
  if (!DURATION_RE.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(PART_RE)) total += Number(m[1]) * (UNIT_MS[m[2] as string] ?? 0);
  return total;
}

/** Shortest readable Go-style text for a number of milliseconds (1000 -> "1s", 1500 -> "1.5s", 250 -> "250ms"). */
export function formatDurationMs(ms: number): string {
  if (ms >= 1000 && Number.isInteger(ms / 100)) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** Gateway API durations (GEP-2257): up to four number+unit parts, units h, m, s, ms; no fractions. */
const GEP_DURATION_RE = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

/** Milliseconds for a Gateway API duration ("1s", "1m30s", "500ms"), or undefined when the text is not one. */
export function gepDurationMs(text: string): number | undefined {
  if (!GEP_DURATION_RE.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/([0-9]+)(h|ms|m|s)/g)) total += Number(m[1]) * (UNIT_MS[m[2] as string] ?? 0);
  return total;
}
