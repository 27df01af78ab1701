import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { AppError } from '../errors/app-error';

/*
 * Login attempts are limited per client address and per token (express-rate-limit, counted in this
 * replica's memory). Every attempt costs a SelfSubjectReview on the apiserver; unlimited, one client
 * managed 108 tries a second (issue 14), enough to hammer the apiserver or guess at tokens. Per client
 * stops one address; per token stops many addresses replaying one token (the key is the token's hash;
 * the token itself is never kept). The client address is req.ip, which honours `--trust-proxy`: behind
 * a proxy that is not trusted, every user is the proxy and shares one budget.
 */

export interface LoginLimits {
  windowMs: number;
  /** Attempts per client address per window. */
  perClient: number;
  /** Attempts with one token per window. */
  perToken: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMs: 60_000, perClient: 20, perToken: 10 };

export function loginRateLimits(limits: LoginLimits): RequestHandler[] {
  const refuse = (what: string, limit: number) => (retryMs: number) =>
    new AppError(
      'too_many_requests',
      `Too many login attempts ${what} (${limit} a ${Math.round(limits.windowMs / 1000)} s); try again in ${Math.max(1, Math.ceil(retryMs / 1000))} s`,
      429,
    );
  const common = (limit: number, message: (retryMs: number) => AppError) =>
    ({
      windowMs: limits.windowMs,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (req, _res, next) => {
        const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        next(message(reset ? reset.getTime() - Date.now() : limits.windowMs));
      },
    }) satisfies Parameters<typeof rateLimit>[0];
  return [
    rateLimit({
      ...common(limits.perClient, refuse('from this address', limits.perClient)),
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    }),
    rateLimit({
      ...common(limits.perToken, refuse('with this token', limits.perToken)),
      keyGenerator: (req) => tokenKey(req.body),
      // A body without a token is a 400 from the handler; it uses no token's budget.
      skip: (req) => tokenKey(req.body) === '',
    }),
  ];
}

function tokenKey(body: unknown): string {
  const token = (body as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' && token !== '' ? createHash('sha256').update(token).digest('base64url') : '';
}
