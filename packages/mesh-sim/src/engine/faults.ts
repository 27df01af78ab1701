import { parseDurationMs, type HTTPFaultInjection } from '@sluice/model';

/* Fault injection as the client-side sidecar applies it (Envoy's fault filter runs before routing). */

export interface FaultPlan {
  /** 0..1 */
  abortShare: number;
  abortCode: number;
  /** gRPC abort status, when the fault says grpcStatus. */
  abortGrpc?: string;
  delayShare: number;
  delayMs: number;
}

const GRPC_CODES: Record<string, string> = {
  UNAVAILABLE: '14',
  DEADLINE_EXCEEDED: '4',
  INTERNAL: '13',
  UNKNOWN: '2',
  CANCELLED: '1',
};

/** A missing percentage means every request (Istio's rule); the deprecated integer `percent` still counts. */
function share(p: { percentage?: { value: number } | undefined; percent?: number | undefined } | undefined): number {
  if (!p) return 0;
  const v = p.percentage?.value ?? p.percent ?? 100;
  return Math.min(1, Math.max(0, v / 100));
}

export function faultPlan(fault: HTTPFaultInjection | undefined): FaultPlan | undefined {
  if (!fault) return undefined;
  const delayMs = fault.delay?.fixedDelay ? (parseDurationMs(fault.delay.fixedDelay) ?? 0) : 0;
  const abortGrpc =
    fault.abort?.grpcStatus === undefined ? undefined : (GRPC_CODES[fault.abort.grpcStatus] ?? fault.abort.grpcStatus);
  return {
    abortShare: fault.abort ? share(fault.abort) : 0,
    abortCode: fault.abort?.httpStatus ?? (abortGrpc === undefined ? 503 : 200),
    ...(abortGrpc === undefined ? {} : { abortGrpc }),
    delayShare: fault.delay && delayMs > 0 ? share(fault.delay) : 0,
    delayMs,
  };
}

/** The gRPC status Envoy derives from an HTTP status for a gRPC request (grpc/doc/http-grpc-status-mapping). */
export function grpcStatusForHttp(code: number): string {
  switch (code) {
    case 200:
      return '0';
    case 400:
      return '13';
    case 401:
      return '16';
    case 403:
      return '7';
    case 404:
      return '12';
    case 429:
    case 502:
    case 503:
    case 504:
      return '14';
    default:
      return '2';
  }
}
