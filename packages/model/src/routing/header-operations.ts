import type { HTTPRoute } from '../resources/istio';

/*
 * The request headers the destination (and every hop after it) sees once a route's header operations
 * are applied: this is how a route can steer routing further down the call graph (a `set x-canary:
 * true` at the gateway is matched by the next service's VirtualService when the caller forwards it).
 * Envoy applies the weighted cluster's (destination's) operations first, then the route's, so for the
 * same header the route-level one wins. Names are lower-cased, as matching reads them; `add` appends
 * to a present value the way a header match sees repeated headers (comma-joined).
 */

type Ops = { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] } | undefined;

function apply(headers: Record<string, string>, ops: Ops): Record<string, string> {
  if (!ops) return headers;
  const out = { ...headers };
  for (const [k, v] of Object.entries(ops.set ?? {})) out[k.toLowerCase()] = v;
  for (const [k, v] of Object.entries(ops.add ?? {})) {
    const key = k.toLowerCase();
    out[key] = out[key] === undefined ? v : `${out[key]},${v}`;
  }
  for (const k of ops.remove ?? []) delete out[k.toLowerCase()];
  return out;
}

/** `headers` (lower-case names) after the route's and the chosen destination's request operations. */
export function forwardedRequestHeaders(
  headers: Readonly<Record<string, string>>,
  route: HTTPRoute | undefined,
  destinationIndex: number | undefined,
): Record<string, string> {
  const destination = destinationIndex === undefined ? undefined : route?.route?.[destinationIndex];
  return apply(apply({ ...headers }, destination?.headers?.request as Ops), route?.headers?.request as Ops);
}
