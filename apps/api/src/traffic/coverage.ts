import type { TrafficCoverage, TrafficWindow } from '@sluice/model';

/*
 * The coverage fields of a traffic answer (model: trafficCoverageShape) for the graph and the service
 * traffic view, and the reason an answer without traffic gives: "no traffic" is only ever said
 * together with why (too few samples, or nothing reported in the window).
 */
export function coverageOf(traffic: TrafficWindow | undefined): TrafficCoverage & { window?: string } {
  if (!traffic) return {};
  return {
    // The effective window replaces the asked one only when it differs (not "1m" -> "60s").
    ...(traffic.windowWidenedFrom !== undefined
      ? { window: traffic.window, windowWidenedFrom: traffic.windowWidenedFrom }
      : {}),
    ...(traffic.windowNote !== undefined ? { windowNote: traffic.windowNote } : {}),
    ...(traffic.scrapeIntervalSeconds !== undefined ? { scrapeIntervalSeconds: traffic.scrapeIntervalSeconds } : {}),
    ...(traffic.sparse ? { sparse: traffic.sparse } : {}),
    ...(traffic.partial ? { partial: traffic.partial } : {}),
    ...(traffic.latencyAsOf !== undefined ? { latencyAsOf: traffic.latencyAsOf } : {}),
  };
}

/** Why an answer shows no traffic; undefined when `metricsError` already says it. */
export function emptyReason(traffic: TrafficWindow | undefined, scope: string): string | undefined {
  if (!traffic) return undefined;
  if (traffic.sparse?.tooFew) return traffic.sparse.message;
  return `no requests or connections were reported for ${scope} in the last ${traffic.window}`;
}
