import type { Response } from 'express';
import type { MeshStore } from '../cluster/mesh-store';
import { AppError } from '../errors/app-error';
import type { AppDeps } from './deps';

/**
 * The store a request reads and writes through: its session's (token auth: the user's own
 * credentials) or the server's. Credentials RBAC does not let read the cluster answer 403, never
 * empty data or "unreachable".
 */
export function storeFor(res: Response, deps: Pick<AppDeps, 'store' | 'sessions'>): MeshStore {
  const own = res.locals.store as MeshStore | undefined;
  // Token auth: never fall back to the server's credentials for a user's request.
  if (!own && deps.sessions) throw new AppError('unauthorized', 'Not logged in', 401);
  const store = own ?? deps.store;
  const denied = store.readDenied();
  if (denied) throw new AppError('forbidden', `Not allowed: ${denied}`, 403);
  return store;
}
