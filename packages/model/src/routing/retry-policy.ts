import type { RouteDecision } from './types';

/*
 * How Envoy decides to retry, as Istio configures it: the simulator retries with it and the traffic
 * preview predicts retried attempts with it. Without `retries` on the route Istio still installs its
 * default policy: 2 retries on connect-failure, refused-stream, unavailable, cancelled and
 * retriable-status-codes (503).
 */

export interface RetryPolicy {
  /** Total tries, the first one included. */
  tries: number;
  perTryTimeoutMs?: number;
  retriable(code: number, grpc: string): boolean;
  /** Whether a per-try timeout is retried (Envoy: under 5xx / gateway-error). */
  retriesTimeouts: boolean;
}

const GRPC_RETRY_ON: Record<string, string> = {
  cancelled: '1',
  'deadline-exceeded': '4',
  'resource-exhausted': '8',
  unavailable: '14',
  internal: '13',
};

export function retryPolicyOf(decision: Pick<RouteDecision, 'retries'>): RetryPolicy {
  const r = decision.retries;
  const retryOn = (r?.retryOn ?? 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const on = new Set(retryOn);
  // Istio turns numeric entries into retriable status codes; its default list is [503].
  const codes = new Set(retryOn.filter((s) => /^\d+$/.test(s)).map(Number));
  if (!r || on.has('retriable-status-codes')) codes.add(503);
  const grpc = new Set(retryOn.map((s) => GRPC_RETRY_ON[s]).filter((s): s is string => s !== undefined));
  const attempts = r ? (r.attempts ?? 2) : 2;
  return {
    tries: 1 + Math.max(0, attempts),
    ...(r?.perTryTimeoutMs === undefined ? {} : { perTryTimeoutMs: r.perTryTimeoutMs }),
    retriesTimeouts: on.has('5xx') || on.has('gateway-error'),
    retriable(code, grpcStatus) {
      if (grpcStatus !== '' && grpcStatus !== '0' && grpc.has(grpcStatus)) return true;
      if (on.has('5xx') && code >= 500) return true;
      if (on.has('gateway-error') && (code === 502 || code === 503 || code === 504)) return true;
      return codes.has(code);
    },
  };
}
