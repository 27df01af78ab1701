import type { Destination, RouteDecision } from '@sluice/model';
import { UNKNOWN_PEER, type ServiceIdentity } from '../metrics/identity';
import { sampleBinomial } from '../random/discrete';
import { faultPlan, grpcStatusForHttp } from './faults';
import type { Call, Caller, FlowContext, Outcome } from './flow-context';
import { joinFlags } from './http-request';
import { report } from './report';
import { retryPolicy } from './retry-policy';
import { serve, type Served } from './serve';
import { concurrencyLimit } from './upstream-policies';

/*
 * One routed destination, as the client's sidecar handles it: fault injection first (Envoy's fault
 * filter sits before the router), then tries with per-try and route timeouts and retries. The
 * source reports each request once with its final outcome; the destination reports every try.
 */

/** Envoy's base retry back-off (25 ms, jittered; the mean is used). */
const BACKOFF_MS = 25;
const ABORT_MS = 0.2;

interface Group {
  count: number;
  delayMs: number;
  flags: string;
}

export interface Hop {
  caller: Caller;
  service: ServiceIdentity;
  decision: RouteDecision;
  destination: Destination;
  call: Call;
}

export function deliver(ctx: FlowContext, hop: Hop, m: number, depth: number): Outcome[] {
  const { caller, service, decision, call } = hop;
  const plan = faultPlan(decision.fault);
  const out: Outcome[] = [];
  const delayed = plan ? sampleBinomial(ctx.rng, m, plan.delayShare) : 0;
  const groups: Group[] = [
    { count: m - delayed, delayMs: 0, flags: '-' },
    { count: delayed, delayMs: plan?.delayMs ?? 0, flags: 'DI' },
  ];
  for (const g of groups) {
    if (g.count === 0) continue;
    const aborted = plan ? sampleBinomial(ctx.rng, g.count, plan.abortShare) : 0;
    if (aborted > 0 && plan) {
      // Aborted by the client's own sidecar: nothing reaches a pod, so there is no destination
      // series and no destination workload, only the source's record with FI.
      const code = plan.abortCode;
      const grpc = plan.abortGrpc ?? (call.protocol === 'grpc' ? grpcStatusForHttp(code) : '');
      const o = { count: aborted, code, grpc, flags: joinFlags(g.flags, 'FI'), latencyMs: g.delayMs + ABORT_MS };
      if (caller.reports) {
        report(
          ctx,
          { reporter: 'source', source: caller.identity, service, destination: UNKNOWN_PEER, protocol: call.protocol },
          { ...o, requestBytes: call.requestBytes, responseBytes: 18 },
        );
      }
      out.push(o);
    }
    if (g.count - aborted > 0) out.push(...tries(ctx, hop, { ...g, count: g.count - aborted }, depth));
  }
  return out;
}

/**
 * One try of `count` requests through the calling proxy's DestinationRule policy: the connection pool
 * may refuse some at once (503 UO, no pod reached, not retried), outlier detection leaves ejected
 * workloads out of load balancing (503 UH when none is left), and what the pods answer feeds both.
 */
function serveGuarded(ctx: FlowContext, hop: Hop, count: number, depth: number): Served[] {
  const policy = ctx.view.trafficPolicy(hop.destination);
  if (!policy?.connectionPool && !policy?.outlierDetection) return serve(ctx, hop.destination, hop.call, count, depth);
  const { caller, destination, call } = hop;
  const key = `${caller.identity.namespace}/${caller.identity.workload}>${destination.host}|${destination.subset ?? ''}`;
  const callerPods = ctx.view.findWorkload(caller.identity.namespace, caller.identity.workload)?.replicas ?? 1;
  const refused = ctx.policies.refuse(ctx.rng, key, concurrencyLimit(policy), count, callerPods);
  const pods = new Map(ctx.view.targets(destination).targets.map((t) => [t.workload.name, t.workload.replicas]));
  const od = policy.outlierDetection;
  const ejected = ctx.policies.ejected(key, od, pods, ctx.nowMs);
  const served = serve(ctx, destination, call, count - refused, depth, ejected);
  ctx.policies.observe(
    key,
    served.map((s) => ({ count: s.count, code: s.code, latencyMs: s.latencyMs, workload: s.target?.workload.name })),
    od,
    pods,
    ctx.nowMs,
  );
  if (refused === 0) return served;
  const overflow: Served = {
    count: refused,
    code: 503,
    grpc: call.protocol === 'grpc' ? '14' : '',
    flags: 'UO',
    latencyMs: 0.3,
    requestBytes: call.requestBytes,
    responseBytes: 81,
  };
  return [overflow, ...served];
}

function tries(ctx: FlowContext, hop: Hop, g: Group, depth: number): Outcome[] {
  const { caller, service, decision, call } = hop;
  const policy = retryPolicy(decision);
  const timeout = decision.timeoutMs ?? Number.POSITIVE_INFINITY;
  const out: Outcome[] = [];
  let pending = [{ count: g.count, elapsed: 0 }];
  for (let attempt = 1; pending.length > 0; attempt++) {
    const next: typeof pending = [];
    for (const p of pending) {
      for (const s of serveGuarded(ctx, hop, p.count, depth)) {
        const remaining = timeout - p.elapsed;
        const limit = Math.min(remaining, policy.perTryTimeoutMs ?? Number.POSITIVE_INFINITY);
        const cut = s.latencyMs > limit;
        if (s.target) {
          // The server sees the client hang up (downstream disconnect) when the try is cut short.
          const seen = cut ? { ...s, code: 0, grpc: '', flags: 'DC', latencyMs: limit, spread: undefined } : s;
          report(
            ctx,
            {
              reporter: 'destination',
              source: caller.identity,
              service,
              destination: s.target.identity,
              protocol: call.protocol,
            },
            seen,
          );
        }
        const elapsed = p.elapsed + (cut ? limit : s.latencyMs);
        const code = cut ? 504 : s.code;
        const grpc = cut ? (call.protocol === 'grpc' ? grpcStatusForHttp(504) : '') : s.grpc;
        // No pod to send to (NC/UH) is the sidecar's own answer: Envoy does not retry it.
        const retryable =
          s.target !== undefined && (cut ? policy.retriesTimeouts && limit < remaining : policy.retriable(code, grpc));
        if (retryable && attempt < policy.tries && elapsed + BACKOFF_MS < timeout) {
          next.push({ count: s.count, elapsed: elapsed + BACKOFF_MS });
          continue;
        }
        const exhausted = attempt > 1 && retryable && attempt >= policy.tries;
        const flags = joinFlags(g.flags, cut ? 'UT' : s.flags, exhausted && !cut ? 'URX' : undefined);
        const final = { count: s.count, code, grpc, flags, latencyMs: g.delayMs + elapsed };
        if (caller.reports) {
          const spread =
            !cut && s.spread ? { spread: { dist: s.spread.dist, shift: s.spread.shift + g.delayMs + p.elapsed } } : {};
          report(
            ctx,
            {
              reporter: 'source',
              source: caller.identity,
              service,
              destination: s.target?.identity ?? UNKNOWN_PEER,
              protocol: call.protocol,
            },
            { ...final, ...spread, requestBytes: call.requestBytes, responseBytes: cut ? 24 : s.responseBytes },
          );
        }
        out.push(final);
      }
    }
    pending = next;
  }
  return out;
}
