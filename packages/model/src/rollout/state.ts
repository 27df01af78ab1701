import { z } from 'zod';
import { gateResultSchema } from './gate-result';
import { rolloutPlanSchema } from './plan';

/*
 * A rollout's state as stored in the cluster (the `sluice.io/rollout` annotation of its
 * VirtualService): the plan, where it is, and a capped timeline of what happened. Everything the
 * driver needs to continue after a restart is here; times are ISO strings.
 */

export const ROLLOUT_ANNOTATION = 'sluice.io/rollout';
/** Newest entries win; an annotation must stay far below Kubernetes' 256 KiB limit. */
export const TIMELINE_CAP = 50;

export const rolloutPhaseSchema = z.enum(['progressing', 'paused', 'promoted', 'rolledBack', 'aborted']);
export type RolloutPhase = z.infer<typeof rolloutPhaseSchema>;
export const TERMINAL_PHASES: readonly RolloutPhase[] = ['promoted', 'rolledBack', 'aborted'];

export const rolloutActionKindSchema = z.enum(['next', 'pause', 'resume', 'promote', 'abort']);
export type RolloutActionKind = z.infer<typeof rolloutActionKindSchema>;

export const timelineActionSchema = z.enum([
  'start',
  'next',
  'advance',
  'pause',
  'resume',
  'promote',
  'abort',
  'failedCheck',
  'rollback',
  /** The route's weights were changed outside the rollout (an edit with overrideRollout): it is paused. */
  'drift',
]);
export type TimelineAction = z.infer<typeof timelineActionSchema>;

export const rolloutPositionSchema = z.object({
  phase: rolloutPhaseSchema,
  step: z.number().int().nonnegative(),
  canaryWeight: z.number().int().min(0).max(100),
});
export type RolloutPosition = z.infer<typeof rolloutPositionSchema>;

/** Weights (percent) of the rollout's two destinations as they really were on the route. */
export const splitWeightsSchema = z.object({ stable: z.number(), canary: z.number() });
export type SplitWeights = z.infer<typeof splitWeightsSchema>;

export const timelineEntrySchema = z.object({
  at: z.string(),
  /** A user name, or `sluice` for the automatic driver. */
  actor: z.string(),
  action: timelineActionSchema,
  from: rolloutPositionSchema.nullable(),
  to: rolloutPositionSchema,
  /** Gate values at the moment of the change, when they were known. */
  gates: z.array(gateResultSchema).optional(),
  reason: z.string().optional(),
  /**
   * The weights really on the route when the entry was made, where they differ from what `from`
   * implies (a drift, or an abort of a route someone edited): the timeline never claims a split
   * the route did not carry.
   */
  routeWeights: splitWeightsSchema.optional(),
  /** For a drift: the weights the edit wrote. */
  newWeights: splitWeightsSchema.optional(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const rolloutStateSchema = z.object({
  version: z.literal(1),
  plan: rolloutPlanSchema,
  phase: rolloutPhaseSchema,
  /** Index into plan.steps. */
  stepIndex: z.number().int().nonnegative(),
  startedAt: z.string(),
  startedBy: z.string(),
  stepStartedAt: z.string(),
  /** Failed checks in the current step (automatic mode). */
  failedChecks: z.number().int().nonnegative(),
  lastCheckAt: z.string().optional(),
  updatedAt: z.string(),
  timeline: z.array(timelineEntrySchema),
});
export type RolloutState = z.infer<typeof rolloutStateSchema>;

/**
 * What a VirtualService view says about a rollout in progress on it: the service page shows a
 * banner linking to it, and the traffic form asks for an explicit override on its route.
 */
export const activeRolloutSchema = z.object({
  phase: z.enum(['progressing', 'paused']),
  stepIndex: z.number().int().nonnegative(),
  canaryWeight: z.number().int().min(0).max(100),
  /** Index of the rollout's http route in this VirtualService (null when the route is gone). */
  httpRouteIndex: z.number().int().nonnegative().nullable(),
  mode: z.enum(['manual', 'automatic']),
});
export type ActiveRollout = z.infer<typeof activeRolloutSchema>;

export function isTerminal(phase: RolloutPhase): boolean {
  return TERMINAL_PHASES.includes(phase);
}

/** The canary's weight the route should carry in this state: rollback and abort give everything back to stable. */
export function canaryWeightOf(state: Pick<RolloutState, 'phase' | 'stepIndex' | 'plan'>): number {
  if (state.phase === 'promoted') return 100;
  if (state.phase === 'rolledBack' || state.phase === 'aborted') return 0;
  return state.plan.steps[Math.min(state.stepIndex, state.plan.steps.length - 1)] ?? 0;
}

export function positionOf(state: Pick<RolloutState, 'phase' | 'stepIndex' | 'plan'>): RolloutPosition {
  return { phase: state.phase, step: state.stepIndex, canaryWeight: canaryWeightOf(state) };
}
