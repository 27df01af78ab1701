import type { RouteDecision, RoutingRequest, WeightedTarget } from '@sluice/model';
import type { Call, Caller } from './flow-context';

/* What the next hop sees of a request once the route has been applied. */

export function routingRequest(caller: Caller, call: Call): RoutingRequest {
  return {
    protocol: call.protocol,
    host: call.host,
    namespace: caller.namespace,
    ...(call.port === undefined ? {} : { port: call.port }),
    path: call.path,
    method: call.method,
    headers: call.headers,
    source: caller.source,
  };
}

type HeaderOps =
  | {
      set?: Record<string, string> | undefined;
      add?: Record<string, string> | undefined;
      remove?: string[] | undefined;
    }
  | undefined;

function applyHeaderOps(headers: Record<string, string>, ops: HeaderOps): Record<string, string> {
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

/** The upstream request: rewritten path (the next hop routes on it), route- and destination-level header operations. */
export function upstreamCall(call: Call, decision: RouteDecision, target: WeightedTarget): Call {
  const index = decision.destinations.indexOf(target);
  const destinationOps = index >= 0 ? decision.route?.route?.[index]?.headers?.request : undefined;
  const headers = applyHeaderOps(applyHeaderOps(call.headers, decision.route?.headers?.request), destinationOps);
  return { ...call, path: decision.rewrittenPath ?? call.path, headers };
}

export function joinFlags(...flags: (string | undefined)[]): string {
  const parts = flags.flatMap((f) => (f === undefined || f === '-' || f === '' ? [] : f.split(',')));
  return parts.length === 0 ? '-' : [...new Set(parts)].join(',');
}
