import { normaliseWeights } from './normalise-weights';

/*
 * The one definition of what a weight may be, used by the API before an edit applies and by the web
 * as the user types. Weights are written as whole percentages (DESIGN.md "Validation": integers
 * summing to 100). A list that does not sum to 100 is scaled to 100 keeping its proportions, but a
 * weight the user asked to be above 0 must never be stored as 0: 65536/50 used to become 100/0, so
 * the destination that asked for traffic got none. Such lists are refused, never rounded away.
 */

export const WEIGHT_MAX = 100;

export type WeightProblemCode =
  | 'weight_required'
  | 'weight_not_number'
  | 'weight_not_integer'
  | 'weight_out_of_range'
  | 'weights_all_zero'
  | 'weight_rounded_to_zero';

export type WeightCheck = { ok: true; value: number } | { ok: false; code: WeightProblemCode; message: string };

/** One weight as a number: a whole number from 0 to `max` (what locked rows leave, 100 otherwise). */
export function checkWeight(value: number, max = WEIGHT_MAX): WeightCheck {
  if (!Number.isFinite(value)) return { ok: false, code: 'weight_not_number', message: 'Enter a number' };
  if (!Number.isInteger(value))
    return { ok: false, code: 'weight_not_integer', message: `Use a whole number (got ${value})` };
  if (value < 0 || value > max) {
    const why = max < WEIGHT_MAX ? ` (locked rows hold ${WEIGHT_MAX - max})` : '';
    return { ok: false, code: 'weight_out_of_range', message: `Must be from 0 to ${max}${why}, got ${value}` };
  }
  return { ok: true, value };
}

/** One weight as typed into a field: empty and non-numeric text are problems too, never a silent 0. */
export function parseWeightInput(text: string, max = WEIGHT_MAX): WeightCheck {
  const t = text.trim();
  if (t === '') return { ok: false, code: 'weight_required', message: 'Enter a weight from 0 to 100' };
  const value = Number(t);
  if (Number.isNaN(value)) return { ok: false, code: 'weight_not_number', message: `"${t}" is not a number` };
  return checkWeight(value, max);
}

export interface WeightListProblem {
  /** The weight's position, or undefined for a problem of the whole list. */
  index?: number;
  code: WeightProblemCode;
  message: string;
}

/** Problems of a weight list as an edit sends it; empty when setWeights stores what was asked. */
export function weightListProblems(weights: readonly number[]): WeightListProblem[] {
  const problems: WeightListProblem[] = [];
  weights.forEach((w, index) => {
    const check = checkWeight(w);
    if (!check.ok) problems.push({ index, code: check.code, message: `weight ${check.message.toLowerCase()}` });
  });
  if (problems.length > 0) return problems;
  if (weights.length > 1 && weights.every((w) => w === 0))
    return [{ code: 'weights_all_zero', message: 'at least one weight must be above 0' }];
  const stored = normaliseWeights(weights);
  weights.forEach((w, index) => {
    if (w > 0 && stored[index] === 0)
      problems.push({
        index,
        code: 'weight_rounded_to_zero',
        message: `weight ${w} of ${weights.reduce((a, b) => a + b, 0)} would be stored as 0% once scaled to 100; send weights summing to 100`,
      });
  });
  return problems;
}
