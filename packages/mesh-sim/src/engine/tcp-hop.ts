import { pickWeighted, type RouteDecision, type WeightedTarget } from '@sluice/model';
import { UNKNOWN_PEER, type PeerIdentity, type ServiceIdentity } from '../metrics/identity';
import { split, type Call, type Caller, type FlowContext, type Outcome } from './flow-context';
import { routingRequest } from './http-request';

/*
 * TCP connections: routed once when opened (tcp routes, weights), counted opened now and closed
 * when the server's connection lifetime is over; bytes as Istio counts them on both sides (sent =
 * server to client, received = client to server).
 */

function pickTargets(ctx: FlowContext, decision: RouteDecision, n: number): [WeightedTarget, number][] {
  if (n === 1) {
    const t = pickWeighted(decision.destinations, ctx.rng.next);
    return t ? [[t, 1]] : [];
  }
  return split(ctx.rng, n, decision.destinations, (t) => t.weight);
}

interface Connections {
  service: ServiceIdentity;
  destination: PeerIdentity;
  count: number;
  sent: number;
  received: number;
  lifetimeMs: number;
}

function open(ctx: FlowContext, caller: Caller, c: Connections, reporters: ('source' | 'destination')[]): void {
  for (const reporter of reporters) {
    if (reporter === 'source' && !caller.reports) continue;
    const edge = {
      reporter,
      source: caller.identity,
      service: c.service,
      destination: c.destination,
      protocol: 'tcp' as const,
    };
    ctx.recorder.tcp({ edge, opened: c.count, closed: 0, sent: c.sent, received: c.received }, ctx.nowMs);
    ctx.scheduleTcp(ctx.nowMs + c.lifetimeMs, { edge, opened: 0, closed: c.count, sent: 0, received: 0 });
  }
}

export function sendTcp(ctx: FlowContext, caller: Caller, call: Call, n: number): Outcome[] {
  if (n <= 0) return [];
  const decision = ctx.view.route(routingRequest(caller, call));
  const refused = (service: ServiceIdentity, count: number): Outcome => {
    // No route or no pod: Envoy accepts, finds nothing upstream and closes at once.
    open(ctx, caller, { service, destination: UNKNOWN_PEER, count, sent: 0, received: 0, lifetimeMs: 0 }, ['source']);
    return { count, code: 0, grpc: '', flags: 'UF', latencyMs: 1 };
  };
  if (decision.destinations.length === 0) return [refused(ctx.view.service(decision.resolvedHost), n)];
  const out: Outcome[] = [];
  for (const [target, m] of pickTargets(ctx, decision, n)) {
    const service = ctx.view.service(target.destination.host);
    const { targets } = ctx.view.targets(target.destination);
    if (targets.length === 0) {
      out.push(refused(service, m));
      continue;
    }
    for (const [t, k] of split(ctx.rng, m, targets, (x) => x.workload.replicas)) {
      const b = ctx.behaviour(t.workload);
      const received = k * call.requestBytes;
      const sent = k * (call.requestBytes + (b.tcp?.extraResponseBytes ?? 0));
      const lifetimeMs = b.tcp?.connectionMs ?? 1000;
      open(ctx, caller, { service, destination: t.identity, count: k, sent, received, lifetimeMs }, [
        'source',
        'destination',
      ]);
      out.push({ count: k, code: 200, grpc: '', flags: '-', latencyMs: lifetimeMs });
    }
  }
  return out;
}
