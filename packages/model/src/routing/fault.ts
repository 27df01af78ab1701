import type { HTTPFaultInjection, HTTPRetry } from '../resources/istio';
import { parseDurationMs } from '../resources/duration';

/*
 * Fault injection and retries read the way Envoy applies them, for the simulator and the UI.
 */

export interface FaultSummary {
  delay?: { percent: number; delayMs: number };
  abort?: { percent: number; httpStatus?: number; grpcStatus?: string };
}

/**
 * Percentages and durations of a route's fault. An unset percentage injects into no request
 * (Istio's documented default, and why Sluice always writes it); a delay may still carry the
 * deprecated integer `percent`. A delay whose fixedDelay does not parse injects nothing.
 */
export function faultSummary(fault: HTTPFaultInjection | undefined): FaultSummary {
  const out: FaultSummary = {};
  if (fault?.delay) {
    const delayMs = fault.delay.fixedDelay === undefined ? undefined : parseDurationMs(fault.delay.fixedDelay);
    const percent = fault.delay.percentage?.value ?? fault.delay.percent ?? 0;
    if (delayMs !== undefined) out.delay = { percent: clampPercent(percent), delayMs };
  }
  if (fault?.abort) {
    const { httpStatus, grpcStatus } = fault.abort;
    out.abort = {
      percent: clampPercent(fault.abort.percentage?.value ?? 0),
      ...(httpStatus === undefined ? {} : { httpStatus }),
      ...(grpcStatus === undefined ? {} : { grpcStatus }),
    };
  }
  return out;
}

function clampPercent(p: number): number {
  return Math.min(100, Math.max(0, p));
}

/**
 * What a sidecar retries when a route sets no `retries`: istiod's default policy (2 attempts on
 * connection failures, refused streams, gRPC unavailable/cancelled and retriable status codes,
 * i.e. 503). RouteDecision.retries stays undefined then, so the UI can tell "not configured" apart;
 * the simulator applies this.
 */
export const ISTIO_DEFAULT_RETRIES: Readonly<HTTPRetry> = Object.freeze({
  attempts: 2,
  retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes',
});
