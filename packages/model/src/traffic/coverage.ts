import { z } from 'zod';

/*
 * What a traffic answer covers, beyond its numbers: the graph and the service traffic view carry the
 * same fields so a user is never shown a quiet "no traffic" when the truth is "the window was too
 * short", "latency did not arrive in time" or "nothing was scraped yet" (issues 12 and 13).
 */

/** Parts of a traffic window that can be missing while the request rates are present. */
export const trafficPartSchema = z.enum(['latency', 'tcp']);
export type TrafficPart = z.infer<typeof trafficPartSchema>;

export const partialTrafficSchema = z.object({
  /** What is missing; request rates and response codes are always there when `partial` is set. */
  missing: z.array(trafficPartSchema).min(1),
  /** Why, for the user, e.g. "the latency query did not answer within 8 s". */
  reason: z.string(),
});
export type PartialTraffic = z.infer<typeof partialTrafficSchema>;

export const sparseWindowSchema = z.object({
  /** Seconds of data the window actually holds (less than its length). */
  coveredSeconds: z.number().nonnegative(),
  /** Scrapes of the mesh in the window (Prometheus only). */
  scrapes: z.number().int().nonnegative().optional(),
  /** Rates need two samples: true when the window holds too few for any rate at all. */
  tooFew: z.boolean(),
  message: z.string(),
});
export type SparseWindow = z.infer<typeof sparseWindowSchema>;

/** Spread into the graph and the service traffic view (`window` itself is the effective window). */
export const trafficCoverageShape = {
  /** The window the request asked for, when the rates cover a wider one (`window`). */
  windowWidenedFrom: z.string().optional(),
  /** Why the window was widened, for the user. */
  windowNote: z.string().optional(),
  /** Prometheus's scrape interval as read from its targets (Prometheus source only). */
  scrapeIntervalSeconds: z.number().positive().optional(),
  /** Present when the window holds less data than its length (a young mesh, Prometheus or simulator). */
  sparse: sparseWindowSchema.optional(),
  /** Present when part of the traffic (latency, TCP) could not be read; rates are complete. */
  partial: partialTrafficSchema.optional(),
  /** When the latency figures were evaluated, if earlier than the rates (latency may arrive a refresh later). */
  latencyAsOf: z.string().optional(),
  /** Why there is no traffic at all, when there is none and no `metricsError` explains it. */
  emptyReason: z.string().optional(),
};

export const trafficCoverageSchema = z.object(trafficCoverageShape);
export type TrafficCoverage = z.infer<typeof trafficCoverageSchema>;
