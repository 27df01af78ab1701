import type { RouteDecision } from '../routing/types';
import { faultSummary } from '../routing/fault';
import { retryPolicyOf } from '../routing/retry-policy';
import type { MeshSnapshot } from '../resources/snapshot';
import { podShares } from './pods';
import { addTo, codeFor, isFailure, okCode, type CodeDist } from './outcome-code';

/*
 * One call's expected outcome under a route decision, per client request, as the caller's sidecar
 * handles it (the same order the simulator and Envoy use): fault filter first (aborts answered by the
 * sidecar and never retried or mirrored; delays added to latency), then the router: weighted
 * destinations (pods share by replicas), mirrors of the requests that got through, and tries with
 * per-try and route timeouts and retries. Closed forms instead of draws: with a per-try failure
 * distribution f of which p_r is retriable, T tries give E = sum_{k<T} p_r^k attempts per request
 * and a final failure of p_n * E + p_r^T.
 */

/** Failures a workload answers per served attempt, and the part of its answers slowed by delays downstream. */
export interface WorkloadFailure {
  fail: CodeDist;
  slow: Slow;
}

export interface Slow {
  share: number;
  ms: number;
}

export interface HopOutcome {
  /** Final outcome per client request, by workload ("" for replies of the caller's sidecar), code and flags. */
  finals: Map<string, Map<string, number>>;
  /** Attempts each workload serves per client request, by code (destination-reported). */
  attempts: Map<string, CodeDist>;
  /** Mirrored copies each workload serves per client request. */
  mirrors: Map<string, number>;
  /** Requests per client request each workload gets that this hop's fault delays (for the caller's latency). */
  delayed: Map<string, Slow>;
  slow: Slow;
  /**
   * The Service FQDN each workload was reached as, when the hop's routes send requests to other
   * Services than the one the call was observed to (Gateway API backends): the metrics name it.
   */
  services?: Map<string, string>;
}

export interface WorkloadInfo {
  failure(workloadKey: string): WorkloadFailure;
  p95Ms(workloadKey: string): number;
}

export function emptyOutcome(): HopOutcome {
  return { finals: new Map(), attempts: new Map(), mirrors: new Map(), delayed: new Map(), slow: { share: 0, ms: 0 } };
}

/** Final code key: "code|flags". */
export const finalKey = (code: string, flags: string): string => `${code}|${flags}`;

function addFinal(out: HopOutcome, workload: string, code: string, flags: string, p: number): void {
  if (p <= 0) return;
  let m = out.finals.get(workload);
  if (!m) out.finals.set(workload, (m = new Map()));
  addTo(m, finalKey(code, flags), p);
}

function mergeSlow(a: Slow, b: Slow): Slow {
  // One tail is kept (the biggest delay); shares add up to at most every request.
  return { share: Math.min(1, a.share + b.share), ms: Math.max(a.ms, b.ms) };
}

/** Adds `share` of a call's requests taking `d` to `out`. */
export function addDecision(
  out: HopOutcome,
  snapshot: MeshSnapshot,
  d: RouteDecision,
  share: number,
  protocol: string,
  info: WorkloadInfo,
): void {
  if (share <= 0) return;
  if (d.redirect) return addFinal(out, '', codeFor(protocol, d.redirect.redirectCode ?? 301), '-', share);
  if (d.directResponse) return addFinal(out, '', codeFor(protocol, d.directResponse.status), '-', share);
  if (d.noRoute || d.destinations.length === 0) return addFinal(out, '', codeFor(protocol, 404), 'NR', share);
  const fault = faultSummary(d.fault);
  const aborted = (fault.abort?.percent ?? 0) / 100;
  if (fault.abort) addFinal(out, '', codeFor(protocol, fault.abort.httpStatus ?? 503), 'FI', share * aborted);
  const through = share * (1 - aborted);
  if (fault.delay && fault.delay.percent > 0)
    out.slow = mergeSlow(out.slow, { share: through * (fault.delay.percent / 100), ms: fault.delay.delayMs });
  for (const m of d.mirrors) {
    for (const [w, q] of podShares(snapshot, m.destination)) {
      out.mirrors.set(w, (out.mirrors.get(w) ?? 0) + through * (m.percent / 100) * q);
      out.services?.set(w, m.destination.host);
    }
  }
  const weightTotal = d.destinations.reduce((a, t) => a + t.weight, 0) || 1;
  const policy = retryPolicyOf(d);
  const limit = Math.min(d.timeoutMs ?? Infinity, policy.perTryTimeoutMs ?? Infinity);
  const delayShare = fault.delay ? fault.delay.percent / 100 : 0;
  const delayMs = fault.delay?.delayMs ?? 0;
  for (const t of d.destinations) {
    const toTarget = (through * t.weight) / weightTotal;
    const pods = podShares(snapshot, t.destination);
    if (pods.length === 0) {
      // No pod behind the destination: the sidecar answers 503 itself (NC/UH), never retried.
      addFinal(out, '', codeFor(protocol, 503), 'UH', toTarget);
      continue;
    }
    for (const [w, q] of pods) {
      out.services?.set(w, t.destination.host);
      tries(out, w, toTarget * q, protocol, info, policy, limit, d.timeoutMs);
      if (delayShare > 0) {
        const prev = out.delayed.get(w) ?? { share: 0, ms: delayMs };
        out.delayed.set(w, { share: prev.share + toTarget * q * delayShare, ms: Math.max(prev.ms, delayMs) });
      }
    }
  }
}

function tries(
  out: HopOutcome,
  w: string,
  q: number,
  protocol: string,
  info: WorkloadInfo,
  policy: ReturnType<typeof retryPolicyOf>,
  limit: number,
  routeTimeoutMs: number | undefined,
): void {
  if (q <= 0) return;
  // A try cut at the per-try limit is retried only if the route's own timeout leaves room for another.
  const retryTimeouts =
    policy.retriesTimeouts && (routeTimeoutMs === undefined || routeTimeoutMs >= 2 * limit + BACKOFF_MS);
  const wf = info.failure(w);
  // Per try: the workload's own answer, and a timeout where its slow tail outlasts the limit.
  const perTry: CodeDist = new Map(wf.fail);
  const timedOut = wf.slow.share > 0 && info.p95Ms(w) + wf.slow.ms > limit ? wf.slow.share : 0;
  if (timedOut > 0) addTo(perTry, 'timeout', timedOut);
  let failed = 0;
  let retriable = 0;
  for (const [code, p] of perTry) {
    failed += p;
    if (code === 'timeout' ? retryTimeouts : retriableCode(policy, code)) retriable += p;
  }
  failed = Math.min(1, failed);
  const attempts = geometric(retriable, policy.tries);
  const served = out.attempts.get(w) ?? new Map<string, number>();
  out.attempts.set(w, served);
  addTo(served, okCode(protocol), q * (1 - failed) * attempts);
  for (const [code, p] of perTry) {
    const isTimeout = code === 'timeout';
    // The server sees the client hang up when a try is cut short.
    addTo(served, isTimeout ? '0' : code, q * p * attempts);
    const canRetry = isTimeout ? retryTimeouts : retriableCode(policy, code);
    const final = canRetry ? q * (p / (retriable || 1)) * retriable ** policy.tries : q * p * attempts;
    const retried = canRetry && policy.tries > 1;
    addFinal(out, w, isTimeout ? codeFor(protocol, 504) : code, isTimeout ? 'UT' : retried ? 'URX' : '-', final);
  }
  addFinal(out, w, okCode(protocol), '-', q * (1 - failed) * attempts);
  if (wf.slow.share > 0 && timedOut === 0) out.slow = mergeSlow(out.slow, { share: q * wf.slow.share, ms: wf.slow.ms });
}

/** Envoy's base retry back-off (25 ms, jittered; the mean), as the simulator waits it. */
const BACKOFF_MS = 25;

function retriableCode(policy: ReturnType<typeof retryPolicyOf>, code: string): boolean {
  if (!isFailure(code) && Number(code.split(':')[0]) < 500) return false;
  const [http = '0', grpc = ''] = code.split(':');
  return policy.retriable(Number(http), grpc);
}

/** Expected tries per request: 1 + p + p^2 + ... + p^(T-1). */
function geometric(p: number, tries: number): number {
  let sum = 0;
  for (let k = 0; k < tries; k++) sum += p ** k;
  return sum;
}
