import type { Response } from 'express';
import type { SessionUser } from '@sluice/model';

/** Who is acting, for audit and rollout timelines: the token-auth user, or "anonymous" when the console runs without auth. */
export function actorOf(res: Response): string {
  const session = res.locals.session as { user?: SessionUser } | undefined;
  return session?.user?.username ?? 'anonymous';
}
