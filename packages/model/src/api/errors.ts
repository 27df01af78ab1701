import { z } from 'zod';

/** The one error envelope every API error uses: `{ error: { code, message, details? } }`. */
export const apiErrorCodeSchema = z.enum([
  'bad_request', // 400: malformed body or query
  'unauthorized', // 401: no or invalid credentials (token auth mode)
  'forbidden', // 403: read-only mode or Kubernetes RBAC refused
  'not_found', // 404
  'conflict', // 409: stale resourceVersion; details.currentResourceVersion
  'invalid', // 422: validation failed; details is a list of findings
  'unavailable', // 503: cluster or Prometheus unreachable
  'internal', // 500
]);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: apiErrorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

export const STATUS_BY_CODE: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  unavailable: 503,
  internal: 500,
};
