import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

/*
 * A request id for every request: the caller's `X-Request-Id` when it is a sane token (an ingress or
 * mesh sidecar usually sets one), else a new UUID; echoed in the response. It lives in an
 * AsyncLocalStorage, so every log line written while the request is handled - in the error
 * middleware, the Kubernetes writer, anywhere - carries it without passing a logger around
 * (logger.ts reads it in pino's mixin).
 */

const context = new AsyncLocalStorage<{ requestId: string }>();
const SANE_ID = /^[\w.:-]{1,128}$/;

export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

export function requestContext(): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const requestId = given && SANE_ID.test(given) ? given : randomUUID();
    res.set('X-Request-Id', requestId);
    context.run({ requestId }, next);
  };
}
