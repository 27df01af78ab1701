import { STATUS_BY_CODE, type ApiErrorCode, type ConflictReason } from '@sluice/model';

/**
 * The one error type the API throws on purpose. The middleware turns it into the envelope
 * `{ error: { code, message, details } }`; status defaults from the model's code table so the
 * code and the HTTP status never disagree.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly status: number;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    status?: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = status ?? STATUS_BY_CODE[code];
  }
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} not found`);
}

/** A 409 with its typed reason (the model's conflictReasonSchema), so clients never guess from the message. */
export function conflict(reason: ConflictReason, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('conflict', message, 409, { ...details, reason });
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/**
 * Other modules (the traffic sources) may throw errors shaped like AppError without importing it:
 * anything with a known `code` string is treated as one.
 */
export function asAppErrorLike(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (typeof err !== 'object' || err === null || !('code' in err) || !('message' in err)) return undefined;
  const { code, message } = err as { code: unknown; message: unknown };
  if (typeof code !== 'string' || !(code in STATUS_BY_CODE) || typeof message !== 'string') return undefined;
  const details = (err as { details?: unknown }).details;
  return new AppError(code as ApiErrorCode, message, undefined, details);
}
