import type { Destination } from '../resources/istio';
import type { RouteDecision, WeightedTarget } from './types';

/*
 * Weighted destinations: how Istio reads `weight`, how a request picks one, and the expected
 * split a UI draws.
 */

/**
 * Weights as percentages summing to 100. A lone destination takes everything whatever its weight;
 * among several, a missing weight counts as 0 (Istio's rule) and the rest are scaled to 100, as
 * Envoy does with the total weight Istio writes. All-zero (which istiod rejects) is read as an even
 * split so a half-edited object still shows where traffic could go.
 */
export function weightedTargets(
  route: readonly { destination: Destination; weight?: number | undefined }[],
  resolve: (d: Destination) => Destination,
): WeightedTarget[] {
  const [only, ...others] = route;
  if (!only) return [];
  if (others.length === 0) return [{ destination: resolve(only.destination), weight: 100 }];
  const raw = route.map((r) => Math.max(0, r.weight ?? 0));
  const total = raw.reduce((a, b) => a + b, 0);
  return route.map((r, i) => ({
    destination: resolve(r.destination),
    weight: total === 0 ? 100 / route.length : ((raw[i] ?? 0) * 100) / total,
  }));
}

/** Pick one target by weight. `random` returns [0, 1) (Math.random or a seeded PRNG). */
export function pickWeighted(targets: readonly WeightedTarget[], random: () => number): WeightedTarget | undefined {
  const total = targets.reduce((a, t) => a + Math.max(0, t.weight), 0);
  if (total <= 0) return undefined;
  let r = random() * total;
  let last: WeightedTarget | undefined;
  for (const t of targets) {
    if (t.weight <= 0) continue;
    last = t;
    r -= t.weight;
    if (r < 0) return t;
  }
  // Floating-point leftovers land on the last positive target rather than on nothing.
  return last;
}

export function destinationKey(d: Destination): string {
  return `${d.host}|${d.subset ?? ''}|${d.port?.number ?? ''}`;
}

/**
 * The split a decision produces: one entry per distinct destination (host, subset, port), share in
 * 0..1, in route order. Redirects, direct responses and no-route decisions have no shares.
 */
export function expectedShares(
  decision: Pick<RouteDecision, 'destinations'>,
): { destination: Destination; share: number }[] {
  const total = decision.destinations.reduce((a, t) => a + Math.max(0, t.weight), 0);
  const byKey = new Map<string, { destination: Destination; share: number }>();
  for (const t of decision.destinations) {
    const key = destinationKey(t.destination);
    const share = total > 0 ? Math.max(0, t.weight) / total : 0;
    const seen = byKey.get(key);
    if (seen) seen.share += share;
    else byKey.set(key, { destination: t.destination, share });
  }
  return [...byKey.values()];
}
