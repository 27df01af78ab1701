/*
 * A small unified diff (the `diff -u` format the UI renders and operators read) between two texts.
 * Objects here are a few hundred lines at most, so a plain LCS table is fast enough and far simpler
 * than Myers; past MAX_CELLS it degrades to "all removed, all added", still a correct diff.
 */

const CONTEXT = 3;
const MAX_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; line: string };

export function unifiedDiff(before: string, after: string, fromName = 'before', toName = 'after'): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const hunks = toHunks(ops);
  return [`--- ${fromName}`, `+++ ${toName}`, ...hunks].join('\n') + '\n';
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  if (a.length * b.length > MAX_CELLS) {
    return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
  }
  // lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..].
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++] as string });
      j++;
    } else if (i < a.length && (j === b.length || (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0))) {
      // Removals first on ties, so a changed line reads "-old" then "+new" as in diff -u.
      ops.push({ kind: '-', line: a[i++] as string });
    } else {
      ops.push({ kind: '+', line: b[j++] as string });
    }
  }
  return ops;
}

function toHunks(ops: Op[]): string[] {
  const out: string[] = [];
  let index = 0;
  while (index < ops.length) {
    const firstChange = ops.findIndex((op, k) => k >= index && op.kind !== ' ');
    if (firstChange === -1) break;
    const start = Math.max(index, firstChange - CONTEXT);
    // Extend while changes are within 2*CONTEXT unchanged lines of each other: one hunk.
    let end = firstChange;
    let quiet = 0;
    for (let k = firstChange; k < ops.length; k++) {
      if (ops[k]?.kind === ' ') quiet++;
      else {
        quiet = 0;
        end = k;
      }
      if (quiet > 2 * CONTEXT) break;
    }
    const stop = Math.min(ops.length, end + CONTEXT + 1);
    out.push(hunkHeader(ops, start, stop), ...ops.slice(start, stop).map((op) => `${op.kind}${op.line}`));
    index = stop;
  }
  return out;
}

function hunkHeader(ops: Op[], start: number, stop: number): string {
  const count = (from: number, to: number, side: '-' | '+') =>
    ops.slice(from, to).filter((op) => op.kind === ' ' || op.kind === side).length;
  const oldStart = count(0, start, '-') + 1;
  const newStart = count(0, start, '+') + 1;
  const oldLen = count(start, stop, '-');
  const newLen = count(start, stop, '+');
  return `@@ -${oldLen === 0 ? oldStart - 1 : oldStart},${oldLen} +${newLen === 0 ? newStart - 1 : newStart},${newLen} @@`;
}
