import { weightListProblems, type Edit, type Finding } from '@sluice/model';
import { AppError } from '../errors/app-error';

/*
 * The model's setWeights scales weights to integers summing to 100. That is right for a slider, but
 * a request that says -5, 33.5, 65536 or 0/0 asks for something the model cannot store as asked;
 * answering 200 with other weights would hide the mistake. So the request is checked first with the
 * model's weight checks (the same ones the web's weight fields use), with paths into the request.
 */
export function checkEditInputs(edits: readonly Edit[]): void {
  const problems: Finding[] = edits.flatMap((edit, i) => {
    const lists: [string, readonly { weight: number }[]][] =
      edit.op === 'setWeights' || edit.op === 'setTcpWeights' ? [['weights', edit.weights]] : [];
    if (edit.op === 'setMatchRoute' && edit.destinations) lists.push(['destinations', edit.destinations]);
    return lists.flatMap(([field, list]) =>
      weightListProblems(list.map((w) => w.weight)).map((p) => ({
        path: p.index === undefined ? `edits[${i}].${field}` : `edits[${i}].${field}[${p.index}].weight`,
        code: p.code,
        severity: 'error' as const,
        message: p.message,
      })),
    );
  });
  const first = problems[0];
  if (first) throw new AppError('invalid', `${first.path}: ${first.message}`, 422, problems);
}
