import type { Finding } from '@sluice/model';
import { AppError } from '../errors/app-error';

/*
 * Request-level problems (the registry's `inputProblems`, e.g. weights that cannot be stored as asked)
 * are a 422 with paths into the request, before any edit applies: answering 200 with other values
 * than the ones requested would hide the mistake.
 */
export function checkEditInputs(problems: readonly Finding[]): void {
  const first = problems[0];
  if (first) throw new AppError('invalid', `${first.path}: ${first.message}`, 422, [...problems]);
}
