import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { CSRF_HEADER } from '@sluice/model';
import { AppError } from '../errors/app-error';
import { SESSION_COOKIE, readCookie, sessionCookie } from './cookies';
import type { AuthSession, SessionManager } from './sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The request's session, or undefined (no cookie, forged, expired, logged out). A cookie whose idle
 * clock was restarted goes back out on this response.
 */
export async function sessionOf(
  req: Request,
  res: Response,
  sessions: SessionManager,
): Promise<AuthSession | undefined> {
  const resumed = await sessions.resume(readCookie(req.headers.cookie, SESSION_COOKIE));
  if (resumed?.cookie) res.append('Set-Cookie', sessionCookie(resumed.cookie, req.secure));
  return resumed?.session;
}

/**
 * Every route mounted after this needs a session: 401 without one. A state-changing request must also
 * carry the session's CSRF token in `x-csrf-token` (403 otherwise): a cross-site form or fetch can make
 * the browser send the cookie, never read the token. The session's store goes to `res.locals.store`.
 */
export function requireSession(sessions: SessionManager): RequestHandler {
  return async (req, res, next) => {
    const session = await sessionOf(req, res, sessions);
    if (!session)
      throw new AppError('unauthorized', 'Log in with a Kubernetes bearer token first (POST /api/session)', 401);
    checkCsrf(req, session);
    setSession(res, session);
    next();
  };
}

export function checkCsrf(req: Request, session: AuthSession): void {
  if (SAFE_METHODS.has(req.method)) return;
  const sent = req.get(CSRF_HEADER);
  if (!sent || !sameSecret(sent, session.csrfToken)) {
    throw new AppError(
      'forbidden',
      `Missing or wrong ${CSRF_HEADER} header: state-changing requests must carry the CSRF token of the session`,
      403,
    );
  }
}

export function setSession(res: Response, session: AuthSession): void {
  res.locals.session = session;
  res.locals.store = session.store;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
