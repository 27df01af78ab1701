import { normaliseWeights } from '@sluice/model';

/*
 * The arithmetic behind the linked split sliders. Pure and integer-only: the UI writes weights as
 * integers summing to exactly 100 (DESIGN.md "Validation"), whatever the user drags or types.
 */

export const TOTAL = 100;

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Split `total` integer points across entries in proportion to `basis` (largest remainder; earlier
 * entries win ties). An all-zero basis splits evenly, so freed points always land somewhere.
 * The model's normaliseWeights does this for a total of 100; rebalancing around locked rows needs
 * other totals, hence this generalisation (same rounding, so both agree at 100).
 */
export function distribute(total: number, basis: readonly number[]): number[] {
  if (basis.length === 0) return [];
  const clean = basis.map((b) => (Number.isFinite(b) && b > 0 ? b : 0));
  const basisSum = sum(clean);
  const exact = basisSum > 0 ? clean.map((b) => (b / basisSum) * total) : clean.map(() => total / clean.length);
  const out = exact.map((x) => Math.floor(x + 1e-9));
  let missing = total - sum(out);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x + 1e-9) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    missing -= 1;
  }
  return out;
}

/** Integer percentages from fractions or raw weights (e.g. expected shares 0..1 from the API): the model's rounding. */
export function toPercents(values: readonly number[]): number[] {
  return normaliseWeights(values);
}

/** The highest value row `index` can take: whatever the locked rows leave. */
export function maxFor(weights: readonly number[], locked: readonly boolean[], index: number): number {
  const lockedSum = sum(weights.filter((_, j) => j !== index && locked[j]));
  return TOTAL - lockedSum;
}

/** Whether row `index` can be moved at all: it is unlocked and some other unlocked row can absorb the change. */
export function canMove(locked: readonly boolean[], index: number): boolean {
  return !locked[index] && locked.some((l, j) => j !== index && !l);
}

/**
 * Set row `index` to `value` and rebalance the other unlocked rows proportionally to their current
 * weights, so the total stays 100. Locked rows never change; the value is clamped to what they leave.
 */
export function rebalance(
  weights: readonly number[],
  locked: readonly boolean[],
  index: number,
  value: number,
): number[] {
  if (weights.length === 0 || index < 0 || index >= weights.length) return [...weights];
  if (weights.length === 1) return [TOTAL];
  if (!canMove(locked, index)) return [...weights];
  const free = weights.map((_, j) => j).filter((j) => j !== index && !locked[j]);
  const lockedSum = sum(weights.filter((_, j) => j !== index && locked[j]));
  const v = Math.min(Math.max(Math.round(Number.isFinite(value) ? value : 0), 0), TOTAL - lockedSum);
  const shares = distribute(
    TOTAL - lockedSum - v,
    free.map((j) => weights[j] ?? 0),
  );
  const out = [...weights];
  out[index] = v;
  free.forEach((j, k) => (out[j] = shares[k] ?? 0));
  return out;
}

export interface Preset {
  id: string;
  /** What the button says, naming the versions (also its accessible name). */
  text: string;
  weights: number[];
}

/**
 * Presets that name their versions: "All to v2" for every row, and for the first two rows (the
 * rows are in a stable order, see split-rows) the usual canary steps "90 v1 / 10 v2" and
 * "50 v1 / 50 v2". A preset's meaning never depends on where a row happens to be.
 */
export function presetsFor(labels: readonly string[]): Preset[] {
  const n = labels.length;
  const at = (entries: [number, number][]) => {
    const out = Array.from({ length: n }, () => 0);
    for (const [i, w] of entries) out[i] = w;
    return out;
  };
  const all = labels.map((l, i) => ({ id: `all-${l}`, text: `All to ${l}`, weights: at([[i, TOTAL]]) }));
  if (n < 2) return all;
  const [a, b] = [labels[0]!, labels[1]!];
  return [
    ...all,
    {
      id: `90-10`,
      text: `90 ${a} / 10 ${b}`,
      weights: at([
        [0, 90],
        [1, 10],
      ]),
    },
    {
      id: `50-50`,
      text: `50 ${a} / 50 ${b}`,
      weights: at([
        [0, 50],
        [1, 50],
      ]),
    },
  ];
}

export function isValidSplit(weights: readonly number[]): boolean {
  return weights.length > 0 && weights.every((w) => Number.isInteger(w) && w >= 0) && sum(weights) === TOTAL;
}
