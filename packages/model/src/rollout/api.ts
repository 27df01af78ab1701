import { z } from 'zod';
import { destinationRefSchema } from '../edits/edit-schema';
import { gateEvaluationSchema } from './gate-result';
import { rolloutPlanSchema, rolloutRouteSchema } from './plan';
import { rolloutStateSchema } from './state';

/* Bodies of GET/POST /api/namespaces/:ns/services/:name/rollout and its actions. */

/**
 * POST .../rollout: a plan. The VirtualService defaults to the one routing the service, the route to
 * its default (match-less) http route, so a header-match route ahead of it is never shifted by mistake.
 */
export const startRolloutRequestSchema = rolloutPlanSchema.extend({
  kind: z.enum(['VirtualService', 'HTTPRoute']).optional(),
  virtualService: z.string().min(1).optional(),
  /** Roll out on this HTTPRoute's backendRefs instead of a VirtualService (stable/canary: backend Service names). */
  httpRoute: z.string().min(1).optional(),
  route: rolloutRouteSchema.optional(),
});
export type StartRolloutRequest = z.input<typeof startRolloutRequestSchema>;

/** POST .../rollout/{next,pause,resume,promote,abort}. */
export const rolloutActionRequestSchema = z.strictObject({
  /** The step the user saw; `next` from a step the rollout has already left is refused (409), never applied twice. */
  expectedStep: z.number().int().nonnegative().optional(),
  reason: z.string().max(500).optional(),
});
export type RolloutActionRequest = z.infer<typeof rolloutActionRequestSchema>;

const pointSideSchema = z.object({
  rps: z.number().nonnegative(),
  errorRate: z.number().min(0).max(1),
  p99Ms: z.number().nonnegative().nullable(),
});
/** One point of the live charts: both sides at one moment, and the weight the canary had then. */
export const rolloutPointSchema = z.object({
  at: z.string(),
  canaryWeight: z.number().min(0).max(100),
  stable: pointSideSchema,
  canary: pointSideSchema,
});
export type RolloutPoint = z.infer<typeof rolloutPointSchema>;

export const rolloutViewSchema = z.object({
  namespace: z.string(),
  service: z.string(),
  /** The VirtualService carrying the rollout (or the one that would); null when the service has no routing. */
  virtualService: z.string().nullable(),
  /** The kind of that object: an HTTPRoute when the rollout shifts a Gateway API rule's backendRefs. */
  kind: z.enum(['VirtualService', 'HTTPRoute']).optional(),
  resourceVersion: z.string().optional(),
  /** Set when Flagger or Argo Rollouts owns the VirtualService: Sluice will not start or drive a rollout then. */
  managedBy: z.string().optional(),
  /** Destinations a plan can use, stable first (the route's heaviest), for the start form. */
  destinations: z.array(destinationRefSchema),
  /**
   * The app/version labels of the workloads each destination selects (one entry per version): what
   * the demo's health control (rehearse a bad canary) addresses.
   */
  versions: z.array(z.object({ destination: destinationRefSchema, app: z.string(), version: z.string() })).default([]),
  state: rolloutStateSchema.nullable(),
  /** Why a stored annotation could not be read (it is then shown, never silently replaced). */
  stateError: z.string().optional(),
  /** The split the rollout asks for and the split the route carries now (percent). */
  expected: z.object({ stable: z.number(), canary: z.number() }).nullable(),
  routeWeights: z.object({ stable: z.number(), canary: z.number() }).nullable(),
  /** Observed share of requests (0..1) per side over the gate window. */
  observed: z.object({ stable: z.number().min(0).max(1), canary: z.number().min(0).max(1) }).nullable(),
  gates: gateEvaluationSchema.nullable(),
  metricsError: z.string().optional(),
  series: z.array(rolloutPointSchema),
});
export type RolloutView = z.infer<typeof rolloutViewSchema>;
