import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, asAppErrorLike } from './app-error';
import { clientError } from './client-errors';
import { toInputProblems, zodIssues } from './issue-path';

/*
 * The one place thrown things become HTTP answers: `{ error: { code, message, details } }`.
 * AppErrors keep their code; zod errors are malformed input (400, details name the paths);
 * body-parser's errors are malformed JSON (400) or too large (413); anything else is a bug: 500, logged
 * with its stack, and the client sees no internals.
 */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const appError = toAppError(err, req.headers['content-encoding']);
    if (appError.status >= 500 && appError.code === 'internal') {
      logger.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    } else if (appError.status >= 500) {
      logger.warn({ code: appError.code, url: req.originalUrl, msg: appError.message }, 'request failed');
    }
    const details = appError.details === undefined ? {} : { details: appError.details };
    res.status(appError.status).json({ error: { code: appError.code, message: appError.message, ...details } });
  };
}

export function toAppError(err: unknown, contentEncoding?: string): AppError {
  const known = asAppErrorLike(err);
  if (known) return known;
  const issues = zodIssues(err);
  if (issues) return new AppError('bad_request', 'invalid input', 400, toInputProblems(issues));
  const bodyError = bodyParserError(err) ?? clientError(err, contentEncoding);
  if (bodyError) return bodyError;
  return new AppError('internal', 'internal server error', 500);
}

function bodyParserError(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err)) return undefined;
  const { type, status, message } = err as { type: unknown; status?: unknown; message?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const text =
    type === 'entity.parse.failed' ? `malformed JSON body: ${withoutExcerpt(String(message))}` : String(message);
  return new AppError('bad_request', text, status, [{ path: 'body', code: type, message: text }]);
}

/**
 * JSON.parse quotes part of the body in its message (`Unexpected token 'x', "{tok..." is not valid
 * JSON`). A login body carries a bearer token, so the quoted excerpt never goes back out or into a log.
 */
function withoutExcerpt(message: string): string {
  return message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"');
}

/** Unknown /api paths answer in the envelope too, so the SPA fallback never serves HTML for an API typo. */
export const apiNotFound: RequestHandler = (req) => {
  throw new AppError('not_found', `no API route for ${req.method} ${req.path}`);
};
