/*
 * Outcome codes of the preview: the response code, with the gRPC status after a colon for gRPC
 * ("200:14" is a gRPC UNAVAILABLE, which Istio reports with HTTP 200). "0" is no response.
 */

export type CodeDist = Map<string, number>;

export function isFailure(code: string): boolean {
  const [http = '', grpc] = code.split(':');
  return http === '0' || Number(http) >= 500 || (grpc !== undefined && grpc !== '' && grpc !== '0');
}

/** Counted as an error on a graph edge: 4xx too (the graph's errorRate). */
export function isError(code: string): boolean {
  const http = Number(code.split(':')[0]);
  return isFailure(code) || http >= 400;
}

export const okCode = (protocol: string): string => (protocol === 'grpc' ? '200:0' : '200');

export function codeFor(protocol: string, http: number): string {
  if (protocol !== 'grpc') return String(http);
  return http === 200 ? '200:0' : `${http}:14`;
}

export function splitCode(code: string): { responseCode: string; grpcResponseStatus?: string } {
  const [http = '', grpc] = code.split(':');
  return grpc === undefined ? { responseCode: http } : { responseCode: http, grpcResponseStatus: grpc };
}

export function addTo(dist: CodeDist, code: string, p: number): void {
  if (p > 0) dist.set(code, (dist.get(code) ?? 0) + p);
}

export const total = (dist: CodeDist): number => [...dist.values()].reduce((a, b) => a + b, 0);

/** A failure passed back by the application that got it: a reverse proxy answers 5xx with the same code, else 502. */
export function propagatedCode(code: string): string {
  const [http = '', grpc] = code.split(':');
  if (grpc !== undefined) return `200:${grpc === '' || grpc === '0' ? '14' : grpc}`;
  return Number(http) >= 500 ? http : '502';
}
