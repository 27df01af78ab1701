import type { Edit } from '@sluice/model';
import { AppError } from '../errors/app-error';

/*
 * The model's setWeights normalises weights to integers summing to 100, and in doing so turns a
 * negative weight into 0 and all-zero weights into an even split. That is right for a slider, but a
 * request that says -5 or 0/0 asks for something istiod refuses; answering 200 with other weights
 * would hide the mistake. So the request itself is checked first, with paths into the request.
 */
export function checkEditInputs(edits: readonly Edit[]): void {
  const problems = edits.flatMap((edit, i) => {
    const lists: [string, readonly { weight: number }[]][] =
      edit.op === 'setWeights' || edit.op === 'setTcpWeights' ? [['weights', edit.weights]] : [];
    if (edit.op === 'setMatchRoute' && edit.destinations) lists.push(['destinations', edit.destinations]);
    return lists.flatMap(([field, list]) => {
      const negative = list.flatMap((w, j) =>
        w.weight < 0
          ? [
              {
                path: `edits[${i}].${field}[${j}].weight`,
                code: 'weight_negative',
                severity: 'error' as const,
                message: `weight must be >= 0, got ${w.weight}`,
              },
            ]
          : [],
      );
      const allZero =
        list.length > 1 && list.every((w) => w.weight === 0)
          ? [
              {
                path: `edits[${i}].${field}`,
                code: 'weights_all_zero',
                severity: 'error' as const,
                message: 'at least one weight must be above 0',
              },
            ]
          : [];
      return [...negative, ...allZero];
    });
  });
  const first = problems[0];
  if (first) throw new AppError('invalid', `${first.path}: ${first.message}`, 422, problems);
}
