import type { RequestSample, TrafficWindow } from '../traffic/samples';
import type { GateEvaluation, GateStatus } from './gate-result';
import { rolloutPlanSchema, type RolloutPlan, type RolloutPlanInput } from './plan';

/* Fixtures for the rollout tests: a data-product style plan, windows and gate verdicts. */

export const SERVICE = 'data-product.data-product.svc.cluster.local';

export function plan(overrides: Partial<RolloutPlanInput> = {}): RolloutPlan {
  return rolloutPlanSchema.parse({
    virtualService: 'data-product',
    stable: { host: 'data-product', subset: 'v3' },
    canary: { host: 'data-product', subset: 'v4' },
    ...overrides,
  });
}

export function evaluation(verdict: GateStatus): GateEvaluation {
  const side = {
    rps: 1,
    requests: 60,
    errorRate: verdict === 'fail' ? 0.2 : 0,
    successRate: verdict === 'fail' ? 80 : 100,
    p99Ms: 10,
  };
  const status = verdict;
  const message = verdict === 'fail' ? 'success rate 80% < 99%' : 'ok';
  return {
    at: '2026-01-01T00:00:00.000Z',
    window: '1m',
    source: 'destination',
    verdict,
    gates: [{ gate: 'successRate', status, value: side.successRate, threshold: 99, unit: '%', message }],
    stable: side,
    canary: side,
  };
}

export function sample(workload: string, rps: number, code = '200', grpc = ''): RequestSample {
  return {
    reporter: 'destination',
    sourceWorkload: 'business-product',
    sourceWorkloadNamespace: 'data-product',
    sourceCanonicalService: 'business-product',
    sourceCanonicalRevision: 'v1',
    destinationService: SERVICE,
    destinationServiceName: 'data-product',
    destinationServiceNamespace: 'data-product',
    destinationWorkload: workload,
    destinationWorkloadNamespace: 'data-product',
    destinationCanonicalService: 'data-product',
    destinationCanonicalRevision: workload === 'data-product' ? 'v3.0' : 'v4.0',
    requestProtocol: 'grpc',
    responseCode: code,
    responseFlags: '-',
    grpcResponseStatus: grpc,
    rps,
  };
}

export function window(requests: RequestSample[], p99: { stable?: number; canary?: number } = {}): TrafficWindow {
  const latency = (workload: string, ms: number) => ({ ...sample(workload, 0), p95Ms: ms * 0.8, p99Ms: ms });
  const latencies = [
    ...(p99.stable !== undefined ? [latency('data-product', p99.stable)] : []),
    ...(p99.canary !== undefined ? [latency('data-product-v4.0', p99.canary)] : []),
  ];
  return { timestamp: '2026-01-01T00:01:00.000Z', window: '1m', requests, latencies, tcp: [] };
}
