import { parseDurationMs } from '../resources/duration';
import type { LatencySample, RequestSample, TrafficWindow } from '../traffic/samples';
import { verdictOf, type GateEvaluation, type GateResult, type SideMetrics } from './gate-result';
import type { GateSource, RolloutGates } from './plan';

/*
 * Gate evaluation from a TrafficWindow. By default only destination-reported series count: they are
 * what the canary's own sidecar saw (one series per try, so retries hide nothing), the convention of
 * Flagger and Kiali's inbound metrics. The `client` source reads source-reported series instead, as
 * the callers saw them (injected delays, timeouts). A side is a Service FQDN, narrowed to the
 * workloads its subset selects. The window is the caller's to choose: the rollout reads only the
 * traffic since the current step started (see ./gate-window).
 */

export interface SideSelector {
  /** FQDN, e.g. data-product.data-product.svc.cluster.local */
  service: string;
  /** Destination workload names (a subset's workloads); undefined means the whole service. */
  workloads?: readonly string[];
  /**
   * Callers whose requests count ("ns/workload"), or with `exclude` the callers whose requests do
   * not: an HTTPRoute rollout judges only the traffic its route carries (decision 72), e.g. the
   * requests of the Gateway's own deployment for a route attached to a Gateway.
   */
  callers?: { workloads: readonly string[]; exclude?: boolean };
}

export interface GateSides {
  stable: SideSelector;
  canary: SideSelector;
}

const REPORTER: Record<GateSource, RequestSample['reporter']> = { destination: 'destination', client: 'source' };

function onSide(sample: RequestSample | LatencySample, side: SideSelector, source: GateSource): boolean {
  if (sample.reporter !== REPORTER[source] || sample.destinationService !== side.service) return false;
  if (side.callers) {
    const listed = side.callers.workloads.includes(`${sample.sourceWorkloadNamespace}/${sample.sourceWorkload}`);
    if (listed === Boolean(side.callers.exclude)) return false;
  }
  return side.workloads === undefined || side.workloads.includes(sample.destinationWorkload);
}

/** Failure: no response, any 4xx/5xx, or a gRPC status other than OK, unless the user excluded the code. */
export function isFailure(
  sample: Pick<RequestSample, 'responseCode' | 'grpcResponseStatus'>,
  excluded: readonly string[],
): boolean {
  if (excluded.includes(sample.responseCode)) return false;
  const code = Number(sample.responseCode);
  if (!Number.isFinite(code) || code === 0 || code >= 400) return true;
  const grpc = sample.grpcResponseStatus ?? '';
  return grpc !== '' && grpc !== '0';
}

export function sideMetrics(
  window: TrafficWindow,
  side: SideSelector,
  excluded: readonly string[],
  source: GateSource = 'destination',
): SideMetrics {
  const seconds = (parseDurationMs(window.window) ?? 0) / 1000;
  let rps = 0;
  let errorRps = 0;
  for (const s of window.requests) {
    if (!onSide(s, side, source)) continue;
    rps += s.rps;
    if (isFailure(s, excluded)) errorRps += s.rps;
  }
  // Per-edge quantiles cannot be merged exactly; the worst edge is the conservative reading for a gate.
  const p99s = window.latencies.filter((l) => onSide(l, side, source)).map((l) => l.p99Ms ?? l.p95Ms);
  const errorRate = rps > 0 ? Math.min(1, errorRps / rps) : 0;
  return {
    rps,
    requests: Math.round(rps * seconds),
    errorRate,
    successRate: rps > 0 ? (1 - errorRate) * 100 : null,
    p99Ms: p99s.length > 0 ? Math.max(...p99s) : null,
  };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The step being judged: its weight (for the split gate) and when it started. */
export interface GateStep {
  canaryWeight: number;
  since?: string;
}

export function evaluateGates(
  gates: RolloutGates,
  answered: TrafficWindow,
  sides: GateSides,
  step?: GateStep,
): GateEvaluation {
  // A metrics store cannot rate a window shorter than a few scrape intervals, so Prometheus answers a
  // young step's window widened (windowWidenedFrom). That answer reaches back before the step, into
  // another split or a fault removed seconds ago: for a step it counts as no data, and every gate waits.
  const reachesBeforeStep = step?.since !== undefined && answered.windowWidenedFrom !== undefined;
  const window: TrafficWindow = reachesBeforeStep ? { ...answered, requests: [], latencies: [], tcp: [] } : answered;
  const stable = sideMetrics(window, sides.stable, gates.excludeResponseCodes, gates.source);
  const canary = sideMetrics(window, sides.canary, gates.excludeResponseCodes, gates.source);
  const enough = canary.requests >= gates.minRequests;
  const scope = step?.since ? ' since the step started' : '';
  const waitFor = reachesBeforeStep
    ? `waiting: the step is ${answered.windowWidenedFrom} old and the metrics need a ${answered.window} window (a few scrape intervals) to measure it without traffic from before the step`
    : `waiting for ${gates.minRequests} canary requests${scope} (${canary.requests} so far)`;
  const results: GateResult[] = [
    {
      gate: 'requests',
      status: enough ? 'pass' : 'waiting',
      value: canary.requests,
      threshold: gates.minRequests,
      unit: 'requests',
      message: enough ? `${canary.requests} canary requests in ${window.window}${scope}` : waitFor,
    },
    withUnattributedNote(successGate(gates, canary, enough, waitFor), window, sides.canary.service),
  ];
  if (gates.maxP99Ms !== null) results.push(latencyGate(canary.p99Ms, gates.maxP99Ms, enough, waitFor));
  if (gates.maxP99Factor !== null)
    results.push(factorGate(canary.p99Ms, stable.p99Ms, gates.maxP99Factor, enough, waitFor));
  if (step) results.push(splitGate(stable, canary, step.canaryWeight, gates.splitTolerance, enough, waitFor));
  return {
    at: window.timestamp,
    window: window.window,
    ...(step?.since ? { since: step.since } : {}),
    source: gates.source,
    verdict: verdictOf(results),
    gates: results,
    stable,
    canary,
  };
}

/**
 * The split has converged when the observed canary share is within the tolerance of the step's
 * weight. Not converged is "waiting", never "fail": it says the step has not taken effect yet
 * (config propagation, scrape lag), nothing about the canary's health.
 */
function splitGate(
  stable: SideMetrics,
  canary: SideMetrics,
  weight: number,
  tolerance: number,
  enough: boolean,
  waitFor: string,
): GateResult {
  const total = stable.rps + canary.rps;
  const share = total > 0 ? (canary.rps / total) * 100 : null;
  const deviation = share === null ? null : round(Math.abs(share - weight), 1);
  const base = { gate: 'split', threshold: tolerance, unit: 'pp', value: deviation } as const;
  if (!enough || share === null) return { ...base, status: 'waiting', message: waitFor };
  const ok = (deviation ?? 0) <= tolerance;
  const observed = `observed canary share ${round(share, 1)}% vs ${weight}% expected`;
  return {
    ...base,
    status: ok ? 'pass' : 'waiting',
    message: ok
      ? `${observed} (within ${tolerance} pp)`
      : `${observed}: more than ${tolerance} pp off, waiting for the split to converge`,
  };
}

/**
 * Envoy's fault filter answers an injected abort before a version is picked, so Istio reports it
 * source-side only, with destination_workload "unknown" (here ""). Such errors belong to no side:
 * the success-rate gate says how many it could not count rather than passing in silence.
 */
function withUnattributedNote(result: GateResult, window: TrafficWindow, service: string): GateResult {
  let rps = 0;
  for (const s of window.requests) {
    if (s.reporter !== 'source' || s.destinationService !== service || s.destinationWorkload !== '') continue;
    if (s.responseFlags.split(',').includes('FI')) rps += s.rps;
  }
  if (rps <= 0) return result;
  return {
    ...result,
    note: `${round(rps, 2)} req/s of injected aborts (fault injection) to this service are not counted: Istio reports them with destination_workload="unknown", so they cannot be attributed to stable or canary`,
  };
}

function successGate(gates: RolloutGates, canary: SideMetrics, enough: boolean, waitFor: string): GateResult {
  const base = {
    gate: 'successRate',
    threshold: gates.minSuccessRate,
    unit: '%',
    value: canary.successRate === null ? null : round(canary.successRate, 3),
  } as const;
  if (!enough || canary.successRate === null) return { ...base, status: 'waiting', message: waitFor };
  const ok = canary.successRate >= gates.minSuccessRate;
  return {
    ...base,
    status: ok ? 'pass' : 'fail',
    message: `success rate ${round(canary.successRate, 2)}% ${ok ? '>=' : '<'} ${gates.minSuccessRate}%`,
  };
}

function latencyGate(p99: number | null, max: number, enough: boolean, waitFor: string): GateResult {
  const base = { gate: 'p99', threshold: max, unit: 'ms', value: p99 === null ? null : round(p99) } as const;
  if (!enough) return { ...base, status: 'waiting', message: waitFor };
  if (p99 === null) return { ...base, status: 'waiting', message: 'no latency data for the canary yet' };
  const ok = p99 <= max;
  return { ...base, status: ok ? 'pass' : 'fail', message: `p99 ${round(p99)} ms ${ok ? '<=' : '>'} ${max} ms` };
}

function factorGate(
  canary: number | null,
  stable: number | null,
  factor: number,
  enough: boolean,
  waitFor: string,
): GateResult {
  const ratio = canary !== null && stable !== null && stable > 0 ? canary / stable : null;
  const base = {
    gate: 'p99Factor',
    threshold: factor,
    unit: 'x',
    value: ratio === null ? null : round(ratio),
  } as const;
  if (!enough) return { ...base, status: 'waiting', message: waitFor };
  if (ratio === null) return { ...base, status: 'waiting', message: 'no latency data for stable and canary yet' };
  const ok = ratio <= factor;
  return {
    ...base,
    status: ok ? 'pass' : 'fail',
    message: `canary p99 is ${round(ratio)}x stable ${ok ? '<=' : '>'} ${factor}x`,
  };
}
