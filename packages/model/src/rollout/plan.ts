import { z } from 'zod';
import { destinationRefSchema } from '../edits/edit-schema';
import { routeRefSchema } from '../resources/route-ref';

/*
 * A canary rollout plan for one route of a service: which destination is stable and which is the
 * canary, the canary's weight at each step, how long each step bakes, and the gates the canary must
 * pass (computed from Istio's destination-reported metrics, canary against stable). Every field has
 * a default an operator would pick, so `{ stable, canary }` is a complete plan.
 */

export const DEFAULT_STEPS = [10, 25, 50, 100] as const;

export const rolloutGatesSchema = z.strictObject({
  /** Success rate of the canary in percent (0..100); below it the gate fails. */
  minSuccessRate: z.number().min(0).max(100).default(99),
  /** Absolute p99 latency bound for the canary; null switches this gate off. */
  maxP99Ms: z.number().positive().nullable().default(500),
  /** Relative bound: canary p99 <= stable p99 x factor; null (default) switches it off. */
  maxP99Factor: z.number().min(1).nullable().default(null),
  /** Canary requests in the gate window before any gate may pass (below: "waiting"). */
  minRequests: z.number().int().min(0).default(20),
  /**
   * Response codes the user does not count as failures (e.g. "404" for a service that answers
   * not-found by design). Nothing else is excluded: every 4xx/5xx, no response (0) and non-OK gRPC
   * status counts as a failure.
   */
  excludeResponseCodes: z.array(z.string().regex(/^\d{1,3}$/, 'a response code such as 404')).default([]),
  /**
   * Automatic mode advances only once the observed canary share (over the step's own traffic) is
   * within this many percentage points of the step's weight: a split that has not converged is no
   * evidence about the step yet. 100 switches the check off.
   */
  splitTolerance: z.number().min(0).max(100).default(5),
  /**
   * Whose metrics the gates read: `destination` (the canary's own sidecar, one series per try, the
   * convention of Flagger and Kiali) or `client` (source-reported: includes injected delays and
   * timeouts as the caller saw them).
   */
  source: z.enum(['destination', 'client']).default('destination'),
  /**
   * The longest metrics window the gates look at, Prometheus-style. Gates never look before the
   * current step's weights took effect: the window is min(this, time since the step started).
   */
  window: z
    .string()
    .regex(/^\d+(s|m|h)$/, 'window must look like 30s, 5m or 1h')
    .default('1m'),
});
export type RolloutGates = z.infer<typeof rolloutGatesSchema>;
export type GateSource = RolloutGates['source'];

export const rolloutModeSchema = z.enum(['manual', 'automatic']);
export type RolloutMode = z.infer<typeof rolloutModeSchema>;

/** Rollouts shift weights of http routes (gRPC routes are http routes in Istio). */
export const rolloutRouteSchema = routeRefSchema.refine(
  (r) => r.kind === 'http',
  'rollouts shift http (and gRPC) routes',
);

const stepsSchema = z
  .array(z.number().int().min(1).max(100))
  .min(1)
  .refine((steps) => steps.every((w, i) => i === 0 || w > (steps[i - 1] ?? 0)), 'steps must increase strictly')
  .refine((steps) => steps[steps.length - 1] === 100, 'the last step must be 100 (the canary takes all traffic)');

export const rolloutPlanSchema = z.strictObject({
  /**
   * The object holding the route (decision 72): a VirtualService (its http route `route`), or an
   * HTTPRoute (its rule `route.index`, stable and canary naming backendRef Services).
   */
  kind: z.enum(['VirtualService', 'HTTPRoute']).default('VirtualService'),
  /** The name of that object (a VirtualService, or the HTTPRoute with kind HTTPRoute); the API defaults it. */
  virtualService: z.string().min(1),
  route: rolloutRouteSchema.default({ kind: 'http', index: 0 }),
  stable: destinationRefSchema,
  canary: destinationRefSchema,
  mode: rolloutModeSchema.default('manual'),
  /** Canary weight (percent) at each step. */
  steps: stepsSchema.default([...DEFAULT_STEPS]),
  /** How long each step runs before automatic mode may advance it. */
  bakeSeconds: z.number().int().min(0).max(86_400).default(60),
  /** Automatic mode evaluates the gates at most this often; each failed evaluation is one failed check. */
  checkIntervalSeconds: z.number().int().min(1).max(3_600).default(10),
  /** Failed checks within one step that roll the canary back (automatic mode). */
  maxFailedChecks: z.number().int().min(1).max(100).default(3),
  gates: rolloutGatesSchema.default(() => rolloutGatesSchema.parse({})),
});
export type RolloutPlan = z.infer<typeof rolloutPlanSchema>;
export type RolloutPlanInput = z.input<typeof rolloutPlanSchema>;

/** Same destination (host, subset, port) on both sides? A rollout between one destination and itself is meaningless. */
export function sameDestination(a: RolloutPlan['stable'], b: RolloutPlan['stable']): boolean {
  return a.host === b.host && a.subset === b.subset && a.port === b.port;
}

/**
 * The defaults of every optional plan field, from the schema itself: the start form shows them, so
 * the web cannot drift from what the API fills in.
 */
export const ROLLOUT_PLAN_DEFAULTS = (() => {
  const { mode, steps, bakeSeconds, checkIntervalSeconds, maxFailedChecks, gates } = rolloutPlanSchema.parse({
    kind: 'VirtualService',
    virtualService: 'defaults',
    stable: { host: 'stable' },
    canary: { host: 'canary' },
  });
  return { mode, steps, bakeSeconds, checkIntervalSeconds, maxFailedChecks, gates };
})();
