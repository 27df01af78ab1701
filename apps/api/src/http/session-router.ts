import { Router, type Request, type Response } from 'express';
import { API_ROUTES, routerPath, loginRequestSchema, type Session } from '@sluice/model';
import { AppError } from '../errors/app-error';
import { parseInput } from './parse-input';
import { clearedSessionCookie, sessionCookie } from '../auth/cookies';
import { checkCsrf, sessionOf } from '../auth/require-session';
import type { AuthSession, SessionManager } from '../auth/sessions';
import { DEFAULT_LOGIN_LIMITS, loginRateLimits, type LoginLimits } from '../security/login-limit';

/** POST /api/session (log in with a token), GET (who is logged in), DELETE (log out). */
export function sessionRouter(sessions: SessionManager, limits: LoginLimits = DEFAULT_LOGIN_LIMITS): Router {
  const router = Router();

  router.post(routerPath(API_ROUTES.session), ...loginRateLimits(limits), async (req, res) => {
    const { token } = parseInput(loginRequestSchema, req.body ?? {}, 'body');
    // A new login replaces the session this browser had (no fixation onto an old id).
    const previous = await sessionOf(req, res, sessions);
    if (previous) sessions.logout(previous);
    const { session, cookie } = await sessions.login(token);
    res.setHeader('Set-Cookie', sessionCookie(cookie, req.secure));
    res.setHeader('Cache-Control', 'no-store');
    res.json(describe(session));
  });

  router.get(routerPath(API_ROUTES.session), async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(describe(await current(req, res, sessions)));
  });

  router.delete(routerPath(API_ROUTES.session), async (req, res) => {
    const session = await current(req, res, sessions);
    checkCsrf(req, session);
    sessions.logout(session);
    res.setHeader('Set-Cookie', clearedSessionCookie(req.secure));
    res.status(204).end();
  });

  return router;
}

async function current(req: Request, res: Response, sessions: SessionManager): Promise<AuthSession> {
  const session = await sessionOf(req, res, sessions);
  if (!session) throw new AppError('unauthorized', 'Not logged in', 401);
  return session;
}

function describe(session: AuthSession): Session {
  return { user: session.user, csrfToken: session.csrfToken };
}
