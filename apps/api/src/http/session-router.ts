import { Router, type Request } from 'express';
import { API_ROUTES, routerPath, loginRequestSchema, type Session } from '@sluice/model';
import { AppError } from '../errors/app-error';
import { parseInput } from './parse-input';
import { clearedSessionCookie, sessionCookie } from '../auth/cookies';
import { checkCsrf, sessionOf } from '../auth/require-session';
import type { AuthSession, SessionManager } from '../auth/sessions';

/** POST /api/session (log in with a token), GET (who is logged in), DELETE (log out). */
export function sessionRouter(sessions: SessionManager): Router {
  const router = Router();

  router.post(routerPath(API_ROUTES.session), async (req, res) => {
    const { token } = parseInput(loginRequestSchema, req.body ?? {}, 'body');
    // A new login replaces the session this browser had (no fixation onto an old id).
    const previous = sessionOf(req, sessions);
    const session = await sessions.login(token);
    if (previous) await sessions.logout(previous.id);
    res.setHeader('Set-Cookie', sessionCookie(session.id, req.secure));
    res.setHeader('Cache-Control', 'no-store');
    res.json(describe(session));
  });

  router.get(routerPath(API_ROUTES.session), (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(describe(current(req, sessions)));
  });

  router.delete(routerPath(API_ROUTES.session), async (req, res) => {
    const session = current(req, sessions);
    checkCsrf(req, session);
    await sessions.logout(session.id);
    res.setHeader('Set-Cookie', clearedSessionCookie(req.secure));
    res.status(204).end();
  });

  return router;
}

function current(req: Request, sessions: SessionManager): AuthSession {
  const session = sessionOf(req, sessions);
  if (!session) throw new AppError('unauthorized', 'Not logged in', 401);
  return session;
}

function describe(session: AuthSession): Session {
  return { user: session.user, csrfToken: session.csrfToken };
}
