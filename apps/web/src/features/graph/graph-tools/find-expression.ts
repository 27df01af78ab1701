import type { Graph, GraphEdge, GraphNode } from '@sluice/model';

/*
 * The graph's find/hide expressions (issue 18), as in Kiali: `rps > 10`, `error > 5%`,
 * `name = reviews`, `version = v2`, joined with `and` / `or` (`and` binds tighter), plus bare words
 * `idle`, `fault`, `mirroring`, `splitting`, `vs`. Parsing is separate from evaluation so a bad
 * expression is reported (message and position) before anything is hidden.
 *
 * Node fields: name, version, app, namespace (ns), kind, and rps / error / p95 of the traffic INTO
 * the node (out of it, for a node nothing calls). Edge fields: rps, error, share, p95, protocol.
 * A clause about a field an element does not have never matches it.
 */

type NumField = 'rps' | 'error' | 'share' | 'p95';
type TextField = 'name' | 'version' | 'app' | 'namespace' | 'kind' | 'protocol';
type Flag = 'idle' | 'fault' | 'mirroring' | 'splitting' | 'vs';
type NumOp = '>' | '>=' | '<' | '<=' | '=' | '!=';

export type Clause =
  | { type: 'num'; field: NumField; op: NumOp; value: number }
  | { type: 'text'; field: TextField; op: '=' | '!='; value: string }
  | { type: 'flag'; flag: Flag; negated: boolean };

/** Disjunction of conjunctions: [[a, b], [c]] is `a and b or c`. */
export type FindExpression = Clause[][];

export type ParseResult = { ok: true; expression: FindExpression } | { ok: false; message: string; at: number };

const NUM_FIELDS: Record<string, NumField> = {
  rps: 'rps',
  rate: 'rps',
  error: 'error',
  errors: 'error',
  share: 'share',
  p95: 'p95',
  latency: 'p95',
};
const TEXT_FIELDS: Record<string, TextField> = {
  name: 'name',
  version: 'version',
  app: 'app',
  namespace: 'namespace',
  ns: 'namespace',
  kind: 'kind',
  protocol: 'protocol',
};
const FLAGS: Record<string, Flag> = {
  idle: 'idle',
  fault: 'fault',
  mirroring: 'mirroring',
  mirror: 'mirroring',
  splitting: 'splitting',
  vs: 'vs',
};

interface Token {
  text: string;
  at: number;
}

function tokenize(input: string): Token[] | { message: string; at: number } {
  const tokens: Token[] = [];
  const re = /\s*(>=|<=|!=|[<>=!]|,|[A-Za-z0-9_.\-*%]+|"[^"]*"|\S)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input)) !== null && m[0] !== '') {
    const text = m[1] ?? '';
    tokens.push({ text, at: m.index + m[0].length - text.length });
    if (re.lastIndex >= input.length) break;
  }
  return tokens;
}

/** `10`, `2.5`, `5%` (a percentage: 0.05 for error and share, 5 otherwise is refused), `250ms` for p95. */
function numberOf(field: NumField, raw: string): number | string {
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(raw);
  if (pct) {
    if (field !== 'error' && field !== 'share') return `${field} is not a percentage; write a number such as 10`;
    return Number(pct[1]) / 100;
  }
  const ms = /^(\d+(?:\.\d+)?)ms$/.exec(raw);
  if (ms) {
    if (field !== 'p95') return `only p95 takes milliseconds`;
    return Number(ms[1]);
  }
  if (!/^\d+(?:\.\d+)?$/.test(raw)) return `"${raw}" is not a number`;
  const n = Number(raw);
  // error and share are fractions; `error > 5` would never match, so it is read as 5 % only with the sign.
  if ((field === 'error' || field === 'share') && n > 1) return `${field} is a share: write ${raw}% or ${n / 100}`;
  return n;
}

export function parseFindExpression(input: string): ParseResult {
  const tokens = tokenize(input);
  if (!Array.isArray(tokens)) return { ok: false, ...tokens };
  if (tokens.length === 0) return { ok: false, message: 'the expression is empty', at: 0 };
  const groups: FindExpression = [[]];
  let i = 0;
  const fail = (message: string, at = tokens[i]?.at ?? input.length): ParseResult => ({ ok: false, message, at });
  while (i < tokens.length) {
    const start = tokens[i] as Token;
    let word = start.text.toLowerCase();
    let negated = false;
    if (word === 'not' || word === '!') {
      negated = true;
      i++;
      word = (tokens[i]?.text ?? '').toLowerCase();
      if (!FLAGS[word]) return fail(`"not" goes before idle, fault, mirroring, splitting or vs`);
    }
    const current = groups[groups.length - 1] as Clause[];
    if (FLAGS[word] && !['>', '>=', '<', '<=', '=', '!='].includes(tokens[i + 1]?.text ?? '')) {
      current.push({ type: 'flag', flag: FLAGS[word] as Flag, negated });
      i++;
    } else {
      const field = NUM_FIELDS[word] ?? TEXT_FIELDS[word];
      if (!field)
        return fail(
          `unknown field "${tokens[i]?.text ?? ''}": use rps, error, share, p95, name, version, app, namespace, kind, protocol`,
        );
      const op = tokens[i + 1];
      if (!op || !['>', '>=', '<', '<=', '=', '!='].includes(op.text))
        return fail(`expected an operator (> >= < <= = !=) after ${word}`, op?.at ?? input.length);
      const value = tokens[i + 2];
      if (!value || ['and', 'or', ','].includes(value.text.toLowerCase()))
        return fail(`expected a value after ${word} ${op.text}`, value?.at ?? input.length);
      if (NUM_FIELDS[word]) {
        const n = numberOf(field as NumField, value.text);
        if (typeof n === 'string') return fail(n, value.at);
        current.push({ type: 'num', field: field as NumField, op: op.text as NumOp, value: n });
      } else {
        if (op.text !== '=' && op.text !== '!=') return fail(`${word} compares with = or != only`, op.at);
        current.push({
          type: 'text',
          field: field as TextField,
          op: op.text,
          value: value.text.replace(/^"|"$/g, '').toLowerCase(),
        });
      }
      i += 3;
    }
    const joiner = tokens[i];
    if (!joiner) break;
    const j = joiner.text.toLowerCase();
    if (j === 'or') groups.push([]);
    else if (j !== 'and' && j !== ',') return fail(`expected "and" or "or" before "${joiner.text}"`);
    i++;
    if (i >= tokens.length) return fail(`the expression ends after "${joiner.text}"`, input.length);
  }
  return { ok: true, expression: groups };
}

/** What clauses are evaluated against: per node, its inbound (else outbound) traffic. */
interface NodeTraffic {
  rps: number;
  error: number;
  p95?: number;
}

function nodeTraffic(graph: Graph): Map<string, NodeTraffic> {
  const sums = new Map<string, { in: [number, number, number]; out: [number, number, number]; p95?: number }>();
  const get = (id: string) => {
    let s = sums.get(id);
    if (!s) sums.set(id, (s = { in: [0, 0, 0], out: [0, 0, 0] }));
    return s;
  };
  for (const e of graph.edges) {
    if (e.mirrored) continue;
    const t = get(e.target);
    t.in[0] += e.rps;
    t.in[1] += e.rps * e.errorRate;
    if (e.latencyP95Ms !== undefined) t.p95 = Math.max(t.p95 ?? 0, e.latencyP95Ms);
    const s = get(e.source);
    s.out[0] += e.rps;
    s.out[1] += e.rps * e.errorRate;
  }
  const out = new Map<string, NodeTraffic>();
  for (const [id, s] of sums) {
    const [rps, errs] = s.in[0] > 0 ? s.in : s.out;
    out.set(id, { rps, error: rps > 0 ? errs / rps : 0, ...(s.p95 !== undefined ? { p95: s.p95 } : {}) });
  }
  return out;
}

function compare(have: number | undefined, op: NumOp, want: number): boolean {
  if (have === undefined) return false;
  switch (op) {
    case '>':
      return have > want;
    case '>=':
      return have >= want;
    case '<':
      return have < want;
    case '<=':
      return have <= want;
    case '=':
      return Math.abs(have - want) < 1e-9;
    case '!=':
      return Math.abs(have - want) >= 1e-9;
  }
}

/** `*` matches any run of characters; otherwise the whole text, case-insensitive. */
function textMatches(have: string | undefined, want: string): boolean {
  if (have === undefined) return false;
  const re = new RegExp(
    `^${want
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(have);
}

function nodeClause(c: Clause, n: GraphNode, t: NodeTraffic | undefined): boolean {
  if (c.type === 'flag') {
    const f = n.flags;
    const v =
      c.flag === 'idle'
        ? !t || t.rps === 0
        : c.flag === 'fault'
          ? Boolean(f.faultInjection)
          : c.flag === 'mirroring'
            ? Boolean(f.mirroring)
            : c.flag === 'splitting'
              ? Boolean(f.trafficShifting)
              : Boolean(f.virtualService);
    return v !== c.negated;
  }
  if (c.type === 'num') {
    if (c.field === 'share') return false;
    return compare(c.field === 'rps' ? (t?.rps ?? 0) : c.field === 'error' ? (t?.error ?? 0) : t?.p95, c.op, c.value);
  }
  const have =
    c.field === 'name'
      ? n.name
      : c.field === 'version'
        ? n.version
        : c.field === 'app'
          ? (n.app ?? n.name)
          : c.field === 'namespace'
            ? n.namespace
            : c.field === 'kind'
              ? n.kind
              : undefined;
  return textMatches(have, c.value) !== (c.op === '!=');
}

function edgeClause(c: Clause, e: GraphEdge): boolean {
  if (c.type === 'flag') return c.flag === 'idle' ? (e.rps === 0) !== c.negated : false;
  if (c.type === 'num') {
    const have =
      c.field === 'rps' ? e.rps : c.field === 'error' ? e.errorRate : c.field === 'share' ? e.share : e.latencyP95Ms;
    return compare(have, c.op, c.value);
  }
  if (c.field !== 'protocol') return false;
  return textMatches(e.protocol, c.value) !== (c.op === '!=');
}

export interface Matches {
  nodes: Set<string>;
  edges: Set<string>;
}

/** The nodes and edges an expression matches. */
export function matchGraph(graph: Graph, expression: FindExpression): Matches {
  const traffic = nodeTraffic(graph);
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const n of graph.nodes) {
    const t = traffic.get(n.id);
    if (expression.some((all) => all.length > 0 && all.every((c) => nodeClause(c, n, t)))) nodes.add(n.id);
  }
  for (const e of graph.edges) {
    if (expression.some((all) => all.length > 0 && all.every((c) => edgeClause(c, e)))) edges.add(e.id);
  }
  return { nodes, edges };
}

/** The graph without the matched nodes (and every edge touching one) and the matched edges. */
export function hideMatches(graph: Graph, m: Matches): Graph {
  if (m.nodes.size === 0 && m.edges.size === 0) return graph;
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => !m.nodes.has(n.id)),
    edges: graph.edges.filter((e) => !m.edges.has(e.id) && !m.nodes.has(e.source) && !m.nodes.has(e.target)),
  };
}
