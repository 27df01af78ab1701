/** One entry of a 400's details: where the input was wrong and why. Same shape as a validation finding's path/code/message. */
export interface InputProblem {
  path: string;
  code: string;
  message: string;
}

/** `['edits', 0, 'weights', 1, 'weight']` -> `edits[0].weights[1].weight`, the style of finding paths. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
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
    path: formatPath(issue.path, prefix) || '(root)',
    code: issue.code ?? 'invalid',
    message: issue.message,
  }));
}
