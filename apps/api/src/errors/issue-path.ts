import { issuePath } from '@sluice/model';

/** One entry of a 400's details: where the input was wrong and why. Same shape as a validation finding's path/code/message. */
export interface InputProblem {
  path: string;
  code: string;
  message: string;
}

interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
}

/** Zod 4 errors, recognised by shape so this module does not depend on the zod instance the model uses. */
export function zodIssues(err: unknown): IssueLike[] | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { name, issues } = err as { name?: unknown; issues?: unknown };
  if (name !== 'ZodError' || !Array.isArray(issues)) return undefined;
  return issues as IssueLike[];
}

export function toInputProblems(issues: readonly IssueLike[], prefix = ''): InputProblem[] {
  return issues.map((issue) => ({
    // A problem with the whole input still names a path: "(root)", as the model's findings do.
    path: issuePath(issue.path, prefix) || '(root)',
    code: issue.code ?? 'invalid',
    message: issue.message,
  }));
}
