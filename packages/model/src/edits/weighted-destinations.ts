import type { Destination, RouteDestination } from '../resources/istio';
import type { DestinationRef, WeightedDestination } from './edit-schema';
import { normaliseWeights } from './normalise-weights';

/*
 * Turning the edit's weighted destinations into a route's `route` list. A destination that is
 * already in the route keeps everything it had besides `weight` (per-destination `headers`,
 * unknown fields, a port written as `port.number` plus anything else): the edit owns weights only.
 */

export function toDestination(ref: DestinationRef, previous?: Destination): Destination {
  const base: Destination = previous ? { ...previous, host: ref.host } : { host: ref.host };
  if (ref.subset !== undefined) base.subset = ref.subset;
  else delete base.subset;
  // No port in the edit keeps the port the destination had: the UI often omits it.
  if (ref.port !== undefined) base.port = { ...(previous?.port ?? {}), number: ref.port };
  return base;
}

function sameTarget(a: Destination, b: DestinationRef): boolean {
  return (
    a.host === b.host &&
    (a.subset ?? undefined) === (b.subset ?? undefined) &&
    (b.port === undefined || a.port?.number === b.port)
  );
}

/** The new `route` list; `existing` is the route's current list, whose per-entry extras survive. */
export function weightedRoute<T extends RouteDestination>(
  existing: readonly T[] | undefined,
  weights: readonly WeightedDestination[],
): T[] {
  const numbers = normaliseWeights(weights.map((w) => w.weight));
  const unused = [...(existing ?? [])];
  return weights.map((w, i) => {
    const at = unused.findIndex((d) => sameTarget(d.destination, w.destination));
    const previous = at >= 0 ? unused.splice(at, 1)[0] : undefined;
    const entry = {
      ...(previous ?? {}),
      destination: toDestination(w.destination, previous?.destination),
      weight: numbers[i] ?? 0,
    };
    return entry as T;
  });
}
