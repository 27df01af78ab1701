import { pickWeighted, type RouteDecision, type WeightedTarget } from '@sluice/model';
import { UNKNOWN_PEER } from '../metrics/identity';
import { sampleBinomial } from '../random/discrete';
import { deliver } from './attempts';
import { grpcStatusForHttp } from './faults';
import { split, type Call, type Caller, type FlowContext, type Outcome } from './flow-context';
import { routingRequest, upstreamCall } from './http-request';

const hasFlag = (flags: string, flag: string) => flags.split(',').includes(flag);
import { report } from './report';
import { serve } from './serve';

/*
 * One HTTP/gRPC hop through the client's sidecar, decided by the model's resolveRoute (the one
 * definition of routing): redirect and direct responses answered by the sidecar itself, weighted
 * destinations, mirrors, then faults/retries/timeouts per destination (./attempts).
 */

const LOCAL_REPLY_MS = 0.4;

function pickTargets(ctx: FlowContext, decision: RouteDecision, n: number): [WeightedTarget, number][] {
  if (n === 1) {
    const t = pickWeighted(decision.destinations, ctx.rng.next);
    return t ? [[t, 1]] : [];
  }
  return split(ctx.rng, n, decision.destinations, (t) => t.weight);
}

/** Shadow traffic: Envoy sends it to the mirror cluster as is and drops the answer, so only the mirror's pods report it. */
function mirror(ctx: FlowContext, caller: Caller, decision: RouteDecision, call: Call, m: number, depth: number): void {
  for (const target of decision.mirrors) {
    const k = sampleBinomial(ctx.rng, m, target.percent / 100);
    if (k === 0) continue;
    const service = ctx.view.service(target.destination.host);
    for (const s of serve(ctx, target.destination, call, k, depth)) {
      if (!s.target) continue;
      report(
        ctx,
        {
          reporter: 'destination',
          source: caller.identity,
          service,
          destination: s.target.identity,
          protocol: call.protocol,
        },
        s,
      );
    }
  }
}

/** A reply the sidecar makes itself (redirect, direct response, no route): source-reported only. */
function localReply(ctx: FlowContext, caller: Caller, call: Call, decision: RouteDecision, n: number): Outcome[] {
  const code = decision.redirect
    ? (decision.redirect.redirectCode ?? 301)
    : decision.directResponse
      ? decision.directResponse.status
      : 404;
  const flags = decision.redirect || decision.directResponse ? '-' : 'NR';
  const grpc = call.protocol === 'grpc' ? grpcStatusForHttp(code) : '';
  const o: Outcome = { count: n, code, grpc, flags, latencyMs: LOCAL_REPLY_MS };
  if (caller.reports) {
    const service = ctx.view.service(decision.resolvedHost);
    report(
      ctx,
      { reporter: 'source', source: caller.identity, service, destination: UNKNOWN_PEER, protocol: call.protocol },
      { ...o, requestBytes: call.requestBytes, responseBytes: 0 },
    );
  }
  return [o];
}

export function sendHttp(ctx: FlowContext, caller: Caller, call: Call, n: number, depth: number): Outcome[] {
  if (n <= 0) return [];
  const decision = ctx.view.route(routingRequest(caller, call));
  if (decision.redirect || decision.directResponse || decision.destinations.length === 0) {
    return localReply(ctx, caller, call, decision, n);
  }
  const out: Outcome[] = [];
  for (const [target, m] of pickTargets(ctx, decision, n)) {
    const upstream = upstreamCall(call, decision, target);
    const service = ctx.view.service(target.destination.host);
    const outcomes = deliver(
      ctx,
      { caller, service, decision, destination: target.destination, call: upstream },
      m,
      depth,
    );
    // Envoy's fault filter sits before the router, which does the mirroring: an aborted request is
    // answered by the fault filter and never mirrored. Delayed requests go on and are mirrored.
    const aborted = outcomes.reduce((a, o) => a + (hasFlag(o.flags, 'FI') ? o.count : 0), 0);
    mirror(ctx, caller, decision, upstream, m - aborted, depth);
    out.push(...outcomes);
  }
  return out;
}
