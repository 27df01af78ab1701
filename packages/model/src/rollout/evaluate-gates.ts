import { parseDurationMs } from '../resources/duration';
import type { LatencySample, RequestSample, TrafficWindow } from '../traffic/samples';
import { verdictOf, type GateEvaluation, type GateResult, type SideMetrics } from './gate-result';
import type { RolloutGates } from './plan';

/*
 * Gate evaluation from a TrafficWindow. Only destination-reported series count: they are what the
 * canary's own sidecar saw (one series per try, so retries hide nothing), the convention of Flagger
 * and Kiali's inbound metrics. A side is a Service FQDN, narrowed to the workloads its subset selects.
 */

export interface SideSelector {
  /** FQDN, e.g. data-product.data-product.svc.cluster.local */
  service: string;
  /** Destination workload names (a subset's workloads); undefined means the whole service. */
  workloads?: readonly string[];
}

export interface GateSides {
  stable: SideSelector;
  canary: SideSelector;
}

function onSide(sample: RequestSample | LatencySample, side: SideSelector): boolean {
  if (sample.reporter !== 'destination' || sample.destinationService !== side.service) return false;
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

export function sideMetrics(window: TrafficWindow, side: SideSelector, excluded: readonly string[]): SideMetrics {
  const seconds = (parseDurationMs(window.window) ?? 0) / 1000;
  let rps = 0;
  let errorRps = 0;
  for (const s of window.requests) {
    if (!onSide(s, side)) continue;
    rps += s.rps;
    if (isFailure(s, excluded)) errorRps += s.rps;
  }
  // Per-edge quantiles cannot be merged exactly; the worst edge is the conservative reading for a gate.
  const p99s = window.latencies.filter((l) => onSide(l, side)).map((l) => l.p99Ms ?? l.p95Ms);
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

export function evaluateGates(gates: RolloutGates, window: TrafficWindow, sides: GateSides): GateEvaluation {
  const stable = sideMetrics(window, sides.stable, gates.excludeResponseCodes);
  const canary = sideMetrics(window, sides.canary, gates.excludeResponseCodes);
  const enough = canary.requests >= gates.minRequests;
  const waitFor = `waiting for ${gates.minRequests} canary requests (${canary.requests} so far)`;
  const results: GateResult[] = [
    {
      gate: 'requests',
      status: enough ? 'pass' : 'waiting',
      value: canary.requests,
      threshold: gates.minRequests,
      unit: 'requests',
      message: enough ? `${canary.requests} canary requests in ${window.window}` : waitFor,
    },
    successGate(gates, canary, enough, waitFor),
  ];
  if (gates.maxP99Ms !== null) results.push(latencyGate(canary.p99Ms, gates.maxP99Ms, enough, waitFor));
  if (gates.maxP99Factor !== null)
    results.push(factorGate(canary.p99Ms, stable.p99Ms, gates.maxP99Factor, enough, waitFor));
  return { at: window.timestamp, window: window.window, verdict: verdictOf(results), gates: results, stable, canary };
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
