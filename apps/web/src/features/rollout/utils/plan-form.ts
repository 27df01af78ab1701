import { ROLLOUT_PLAN_DEFAULTS, type DestinationRef, type GateSource, type StartRolloutRequest } from '@sluice/model';

/*
 * The start form's fields as text (what inputs hold) and their translation into a plan request.
 * The defaults are the model's (the same schema the API fills a plan in with). Numbers go out as
 * numbers; the API validates the rest with the same schema and names the field.
 */

export interface PlanFields {
  stable: number;
  canary: number;
  mode: 'manual' | 'automatic';
  source: GateSource;
  steps: string;
  bakeSeconds: string;
  minSuccessRate: string;
  maxP99Ms: string;
  minRequests: string;
  splitTolerance: string;
  maxFailedChecks: string;
}

const d = ROLLOUT_PLAN_DEFAULTS;
export const DEFAULT_FIELDS: Omit<PlanFields, 'stable' | 'canary'> = {
  mode: d.mode,
  source: d.gates.source,
  steps: d.steps.join(', '),
  bakeSeconds: String(d.bakeSeconds),
  minSuccessRate: String(d.gates.minSuccessRate),
  maxP99Ms: d.gates.maxP99Ms === null ? '' : String(d.gates.maxP99Ms),
  minRequests: String(d.gates.minRequests),
  splitTolerance: String(d.gates.splitTolerance),
  maxFailedChecks: String(d.maxFailedChecks),
};

export const destinationLabel = (d: DestinationRef) => `${d.host}${d.subset ? ` / ${d.subset}` : ''}`;

export function planFromFields(
  fields: PlanFields,
  destinations: readonly DestinationRef[],
): StartRolloutRequest | string {
  const stable = destinations[fields.stable];
  const canary = destinations[fields.canary];
  if (!stable || !canary) return 'choose a stable and a canary destination';
  if (fields.stable === fields.canary) return 'stable and canary must differ';
  const steps = fields.steps
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  if (steps.some((s) => !Number.isInteger(s))) return 'steps are whole percentages, e.g. 10, 25, 50, 100';
  const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
  const p99 = fields.maxP99Ms.trim() === '' ? null : num(fields.maxP99Ms);
  return {
    stable,
    canary,
    mode: fields.mode,
    steps,
    bakeSeconds: num(fields.bakeSeconds),
    maxFailedChecks: num(fields.maxFailedChecks),
    gates: {
      minSuccessRate: num(fields.minSuccessRate),
      maxP99Ms: p99,
      minRequests: num(fields.minRequests),
      splitTolerance: num(fields.splitTolerance),
      source: fields.source,
    },
  };
}
