import { isMap, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import type { Finding } from '@sluice/model';

/*
 * Where a finding is in the YAML text the user is editing, so the editor can mark the line. Findings
 * carry paths into the object (`spec.http[0].timeout`, `metadata.annotations["a/b"]`); the YAML
 * document keeps the source range of every node, so the path is walked down the document. A path
 * that ends below what the text has (a missing field) marks its nearest existing ancestor; a YAML
 * syntax error carries its own line.
 */

export interface PositionedFinding extends Finding {
  /** Character offsets into the text. */
  from: number;
  to: number;
  /** 1-based line of `from`. */
  line: number;
}

/** `spec.http[0].match[1].headers["x.y"]` -> ['spec', 'http', 0, 'match', 1, 'headers', 'x.y']. */
export function pathKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) keys.push(m[1]);
    else if (m[2] !== undefined) keys.push(Number(m[2]));
    else if (m[3] !== undefined) keys.push(JSON.parse(m[3]) as string);
  }
  return keys;
}

type Range = [number, number];

/** The range to mark for `keys`: the key of the deepest pair found (a value's own range for list items). */
function locate(root: Node | null | undefined, keys: readonly (string | number)[]): Range | undefined {
  let node: unknown = root;
  let best: Range | undefined = rangeOf(root);
  for (const key of keys) {
    if (isMap(node)) {
      const pair = node.items.find((p: Pair) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      best = rangeOf(pair.key as Node) ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (!item) break;
      best = rangeOf(item as Node) ?? best;
      node = item;
    } else break;
  }
  return best;
}

function rangeOf(node: unknown): Range | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** The findings placed in `text`; those with no place (none expected) go on the first line. */
export function positionFindings(text: string, findings: readonly Finding[]): PositionedFinding[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const lineStart = (line: number) => {
    let offset = 0;
    for (let i = 1; i < line; i++) offset = text.indexOf('\n', offset) + 1;
    return offset;
  };
  return findings.map((f) => {
    const syntaxLine = /^yaml line (\d+)$/.exec(f.path);
    let range: Range | undefined;
    if (syntaxLine) {
      const start = lineStart(Number(syntaxLine[1]));
      const end = text.indexOf('\n', start);
      range = [start, end < 0 ? text.length : end];
    } else if (f.path !== '(root)' && f.path !== '') {
      range = locate(doc.contents as Node, pathKeys(f.path));
    }
    const [from, to] = range ?? [0, Math.max(0, text.indexOf('\n'))];
    return { ...f, from, to: Math.max(from, to), line: lines.linePos(from).line };
  });
}
