import { z } from 'zod';

/* Token login (`--auth token`): the bodies of /api/session. The token never comes back out. */

export const loginRequestSchema = z.object({
  /** A Kubernetes bearer token; checked against the apiserver, then kept server-side only. */
  token: z.string().trim().min(1, 'token is required').max(16_384),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionUserSchema = z.object({
  username: z.string(),
  groups: z.array(z.string()),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** POST and GET /api/session. `csrfToken` goes in the `x-csrf-token` header of every state-changing request. */
export const sessionSchema = z.object({
  user: sessionUserSchema,
  csrfToken: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

export const CSRF_HEADER = 'x-csrf-token';
