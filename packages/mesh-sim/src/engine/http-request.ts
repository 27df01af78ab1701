import { forwardedRequestHeaders, type RouteDecision, type RoutingRequest, type WeightedTarget } from '@sluice/model';
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

/** The upstream request: rewritten path and request headers after the route's operations (the next hop routes on both). */
export function upstreamCall(call: Call, decision: RouteDecision, target: WeightedTarget): Call {
  const index = decision.destinations.indexOf(target);
  const headers = forwardedRequestHeaders(call.headers, decision.route, index >= 0 ? index : undefined);
  return { ...call, path: decision.rewrittenPath ?? call.path, headers };
}

export function joinFlags(...flags: (string | undefined)[]): string {
  const parts = flags.flatMap((f) => (f === undefined || f === '-' || f === '' ? [] : f.split(',')));
  return parts.length === 0 ? '-' : [...new Set(parts)].join(',');
}
