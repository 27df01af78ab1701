import type { DestinationRef, StartRolloutRequest } from '@sluice/model';

/*
 * The start form's fields as text (what inputs hold) and their translation into a plan request.
 * Numbers go out as numbers; the API validates the rest with the same schema and names the field.
 */

export interface PlanFields {
  stable: number;
  canary: number;
  mode: 'manual' | 'automatic';
  steps: string;
  bakeSeconds: string;
  minSuccessRate: string;
  maxP99Ms: string;
  minRequests: string;
  maxFailedChecks: string;
}

export const DEFAULT_FIELDS: Omit<PlanFields, 'stable' | 'canary'> = {
  mode: 'manual',
  steps: '10, 25, 50, 100',
  bakeSeconds: '60',
  minSuccessRate: '99',
  maxP99Ms: '500',
  minRequests: '20',
  maxFailedChecks: '3',
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
    gates: { minSuccessRate: num(fields.minSuccessRate), maxP99Ms: p99, minRequests: num(fields.minRequests) },
  };
}
