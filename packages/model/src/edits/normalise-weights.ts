/*
 * Weights as the UI writes them: integers summing to exactly 100, in the order given.
 * Largest-remainder (Hamilton) rounding: floor every share, then hand the missing points to
 * the largest fractional parts (earlier entries win ties), so no entry moves by a whole point
 * more than it must and 33/33/33 becomes 34/33/33 deterministically.
 */
export function normaliseWeights(weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  // Negative and non-finite inputs carry no share; istiod would refuse them anyway.
  const clean = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const total = clean.reduce((a, b) => a + b, 0);
  // Nothing to go by (all zero): split evenly rather than invent a favourite.
  const exact = total > 0 ? clean.map((w) => (w / total) * 100) : clean.map(() => 100 / clean.length);
  const floors = exact.map((x) => Math.floor(x + 1e-9));
  let missing = 100 - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x + 1e-9) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    missing -= 1;
  }
  return floors;
}
