/*
 * The metrics backend could not be reached or answered nonsense. Carries the same fields as the
 * API's AppError (code 'unavailable', status 503) so the error middleware can map it either by
 * `instanceof` once AppError lands in ../errors, or by its `code`/`status` fields until then.
 */
export class TrafficUnavailableError extends Error {
  readonly code = 'unavailable' as const;
  readonly status = 503;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TrafficUnavailableError';
  }
}
