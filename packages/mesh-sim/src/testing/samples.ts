import type { RequestSample, TcpSample } from '@sluice/model';

/* Small readers over a TrafficWindow's samples, shared by the mesh-sim tests. */

export function sumBy<T extends RequestSample | TcpSample>(
  samples: readonly T[],
  key: (s: T) => string,
  value: (s: T) => number,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of samples) out.set(key(s), (out.get(key(s)) ?? 0) + value(s));
  return out;
}

/** |observed - p| within `sigmas` binomial standard deviations for n trials. */
export function withinBinomial(observed: number, p: number, n: number, sigmas = 4): boolean {
  return Math.abs(observed - p) <= sigmas * Math.sqrt((p * (1 - p)) / n);
}
