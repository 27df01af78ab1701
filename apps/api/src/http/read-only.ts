import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** --read-only: every state-changing request is refused before any handler runs, so no route can forget. */
export const refuseWrites: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  throw new AppError('forbidden', 'Sluice runs in read-only mode (--read-only): writes are disabled', 403);
};
