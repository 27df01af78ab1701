import type { Destination } from '@sluice/model';
import { sampleBinomial } from '../random/discrete';
import { sampleLogNormal } from '../random/prng';
import { isFailure, split, type Call, type Caller, type FlowContext, type Outcome } from './flow-context';
import type { Target } from './mesh-view';
import type { Reported } from './report';

/*
 * The server side of one hop: pick the pods a destination selects (replicas share the load), run
 * the application (its own latency and errors, then its upstream calls along the call graph) and
 * say what each part of the cohort answered. Reporting is left to the caller, which knows whether
 * the client gave up first.
 */

export interface Served extends Reported {
  /** The workload that answered; absent when no pod was reached (no destination-side series). */
  target?: Target;
}

function grpcOk(call: Call): string {
  return call.protocol === 'grpc' ? '0' : '';
}

function countPods(ctx: FlowContext, t: Target, m: number): void {
  const pods = Math.max(1, t.workload.replicas);
  const perPod: [number, number][] =
    m === 1
      ? [[Math.floor(ctx.rng.next() * pods), 1]]
      : split(
          ctx.rng,
          m,
          Array.from({ length: pods }, (_, i) => i),
          () => 1,
        );
  for (const [i, k] of perPod) {
    const key = `${t.workload.namespace}/${t.workload.name}-${i}`;
    ctx.podLoad.set(key, (ctx.podLoad.get(key) ?? 0) + k);
  }
}

function runWorkload(ctx: FlowContext, t: Target, call: Call, m: number, depth: number): Served[] {
  const b = ctx.behaviour(t.workload);
  // A demo override makes the application itself worse: its errors add to its own, its latency to its processing.
  const health = ctx.health(t.workload);
  const extraMs = health?.extraLatencyMs ?? 0;
  const errorRate = health ? 1 - (1 - b.errorRate) * (1 - health.errorRate) : b.errorRate;
  const errorCode = health && health.errorRate > 0 && b.errorRate === 0 ? 500 : (b.errorCode ?? 500);
  const ns = t.workload.namespace;
  const self: Caller = {
    identity: t.identity,
    source: { kind: 'mesh', namespace: ns, labels: t.workload.labels },
    namespace: ns,
    reports: true,
  };
  let childMs = 0;
  const propagated: Outcome[] = [];
  for (const up of b.calls) {
    if (up.forPaths && !up.forPaths.some((prefix) => call.path.startsWith(prefix))) continue;
    const k = up.probability === undefined || up.probability >= 1 ? m : sampleBinomial(ctx.rng, m, up.probability);
    if (k === 0) continue;
    const child: Call = {
      protocol: up.protocol ?? ctx.view.callProtocol(up.host, ns, up.port),
      host: up.host,
      ...(up.port === undefined ? {} : { port: up.port }),
      path: up.path === 'inherit' ? call.path : (up.path ?? '/'),
      method: 'GET',
      headers: up.forwardHeaders ? call.headers : {},
      requestBytes: b.requestBytes,
    };
    // Calls run one after another (bookinfo's productpage does), so their latencies add up.
    for (const o of ctx.call(self, child, k, depth + 1)) {
      childMs += (o.count * o.latencyMs) / m;
      if (up.propagateErrors && isFailure(o)) propagated.push(o);
    }
  }
  const own = sampleLogNormal(ctx.rng, b.latencyDist) + extraMs;
  const base = { latencyMs: own + childMs, requestBytes: call.requestBytes, target: t, flags: '-' };
  const spread = m > 1 ? { spread: { dist: b.latencyDist, shift: childMs + extraMs } } : {};
  // An upstream failure the application passes back (a reverse proxy answers with the upstream's code).
  const failedCount = Math.min(
    m,
    propagated.reduce((a, o) => a + o.count, 0),
  );
  const first = propagated[0];
  const out: Served[] = [];
  if (failedCount > 0 && first) {
    const code = call.protocol === 'grpc' ? 200 : first.code >= 500 ? first.code : 502;
    out.push({
      ...base,
      ...spread,
      count: failedCount,
      code,
      grpc: call.protocol === 'grpc' ? '14' : '',
      responseBytes: 64,
    });
  }
  const left = m - failedCount;
  const errors = sampleBinomial(ctx.rng, left, errorRate);
  if (errors > 0) {
    const grpc = call.protocol === 'grpc' ? (errorCode === 503 ? '14' : '2') : '';
    out.push({
      ...base,
      ...spread,
      count: errors,
      code: call.protocol === 'grpc' ? 200 : errorCode,
      grpc,
      responseBytes: 64,
    });
  }
  if (left - errors > 0)
    out.push({
      ...base,
      ...spread,
      count: left - errors,
      code: 200,
      grpc: grpcOk(call),
      responseBytes: b.responseBytes,
    });
  return out;
}

/** `ejected`: workloads outlier detection has taken out of the calling proxy's load balancing. */
export function serve(
  ctx: FlowContext,
  destination: Destination,
  call: Call,
  n: number,
  depth: number,
  ejected?: ReadonlySet<string>,
): Served[] {
  const all = ctx.view.targets(destination);
  const missing = all.missing;
  const targets = ejected?.size ? all.targets.filter((t) => !ejected.has(t.workload.name)) : all.targets;
  if (targets.length === 0) {
    // Envoy answers itself: no cluster for an undefined subset (NC), no healthy upstream (UH).
    return [
      {
        count: n,
        code: 503,
        grpc: call.protocol === 'grpc' ? '14' : '',
        flags: missing ?? 'UH',
        latencyMs: 0.3,
        requestBytes: call.requestBytes,
        responseBytes: 19,
      },
    ];
  }
  const out: Served[] = [];
  for (const [t, m] of split(ctx.rng, n, targets, (x) => x.workload.replicas)) {
    countPods(ctx, t, m);
    out.push(...runWorkload(ctx, t, call, m, depth));
  }
  return out;
}
