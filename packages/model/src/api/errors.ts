import { z } from 'zod';

/** The one error envelope every API error uses: `{ error: { code, message, details? } }`. */
export const apiErrorCodeSchema = z.enum([
  'bad_request', // 400: malformed body or query
  'unauthorized', // 401: no or invalid credentials (token auth mode)
  'forbidden', // 403: read-only mode or Kubernetes RBAC refused
  'not_found', // 404
  'conflict', // 409: details.reason says which kind (conflictReasonSchema)
  'invalid', // 422: validation failed; details is a list of findings
  'too_many_requests', // 429: login rate limit or session cap; the message says which and when to retry
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
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
};

/**
 * Why a 409 was answered. Clients act on the reason, never on the message: only `stale` means
 * "someone else changed it, reload" (details.currentResourceVersion holds the current version).
 * - stale: the resourceVersion precondition failed
 * - exists: the object (or the routing being created) already exists
 * - managed: a controller (Flagger, Argo Rollouts) owns the object; details.managedBy names it
 * - rollout: the change touches the route of an active rollout; details.rollout names it
 * - state: the request does not fit the object's current state (e.g. a rollout action not allowed now)
 */
export const conflictReasonSchema = z.enum(['stale', 'exists', 'managed', 'rollout', 'state']);
export type ConflictReason = z.infer<typeof conflictReasonSchema>;

export const conflictDetailsSchema = z
  .object({
    reason: conflictReasonSchema,
    currentResourceVersion: z.string().optional(),
  })
  .passthrough();
export type ConflictDetails = z.infer<typeof conflictDetailsSchema>;
