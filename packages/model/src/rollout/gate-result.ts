import { z } from 'zod';

/* What one evaluation of a rollout's gates found: per gate a value, its threshold and a verdict. */

export const gateStatusSchema = z.enum(['pass', 'fail', 'waiting']);
export type GateStatus = z.infer<typeof gateStatusSchema>;

/** `split`: the observed canary share against the step's weight (automatic mode advances only on a converged split). */
export const gateNameSchema = z.enum(['requests', 'successRate', 'p99', 'p99Factor', 'split']);
export type GateName = z.infer<typeof gateNameSchema>;

export const gateResultSchema = z.object({
  gate: gateNameSchema,
  status: gateStatusSchema,
  /** The measured value (null while there is nothing to measure). */
  value: z.number().nullable(),
  threshold: z.number(),
  unit: z.enum(['requests', '%', 'ms', 'x', 'pp']),
  message: z.string(),
  /** What the value does not cover, e.g. injected aborts Istio cannot attribute to a version. */
  note: z.string().optional(),
});
export type GateResult = z.infer<typeof gateResultSchema>;

/** One side (stable or canary) over the gate window, from the plan's gate source. */
export const sideMetricsSchema = z.object({
  rps: z.number().nonnegative(),
  /** rps x window seconds, rounded. */
  requests: z.number().int().nonnegative(),
  /** 0..1 of requests counted as failures. */
  errorRate: z.number().min(0).max(1),
  /** Percent 0..100; null without requests. */
  successRate: z.number().min(0).max(100).nullable(),
  p99Ms: z.number().nonnegative().nullable(),
});
export type SideMetrics = z.infer<typeof sideMetricsSchema>;

export const gateEvaluationSchema = z.object({
  at: z.string(),
  /** The window actually read: min(gates.window, time since the step started). */
  window: z.string(),
  /** When the step being judged started: nothing before it is counted. */
  since: z.string().optional(),
  /** Whose metrics: destination-reported (the canary's own sidecar) or client (source-reported). */
  source: z.enum(['destination', 'client']).default('destination'),
  verdict: gateStatusSchema,
  gates: z.array(gateResultSchema),
  stable: sideMetricsSchema,
  canary: sideMetricsSchema,
});
export type GateEvaluation = z.infer<typeof gateEvaluationSchema>;

/** Any failing gate fails the check; otherwise any waiting gate makes it wait. */
export function verdictOf(gates: readonly GateResult[]): GateStatus {
  if (gates.some((g) => g.status === 'fail')) return 'fail';
  if (gates.some((g) => g.status === 'waiting')) return 'waiting';
  return 'pass';
}
