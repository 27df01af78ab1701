import { AppError } from '../errors/app-error';

/* The metrics backend cannot be reached or answered nonsense: 503 'unavailable' for the caller. */
export function metricsUnavailable(message: string, cause?: unknown): AppError {
  const error = new AppError('unavailable', message);
  if (cause !== undefined) error.cause = cause;
  return error;
}
