import { AppError } from '../errors/app-error';
import { toInputProblems } from '../errors/issue-path';

/** What handlers need of a zod schema; typed structurally so this file does not import zod itself. */
interface Schema<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string; code?: string }[] } };
}

/**
 * Parse a request part with one of the model's schemas. Failures are 400 with one detail per problem,
 * each naming its path (`edits[0].weights[1].weight`; query problems are prefixed `query.`).
 */
export function parseInput<T>(schema: Schema<T>, input: unknown, part: 'body' | 'query', field?: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const prefix = [part === 'query' ? 'query' : '', field ?? ''].filter(Boolean).join('.');
  const problems = toInputProblems(result.error.issues, prefix);
  const first = problems[0];
  const message = first ? `invalid ${part}: ${first.path || part}: ${first.message}` : `invalid ${part}`;
  throw new AppError('bad_request', message, 400, problems);
}
