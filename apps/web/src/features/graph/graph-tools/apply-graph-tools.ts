import type { Graph } from '@sluice/model';
import { hideMatches, matchGraph, parseFindExpression, type FindExpression } from './find-expression';

/*
 * The graph tools applied to one graph: hide (matches and, optionally, idle nodes and edges) first,
 * then find in what is left. A bad expression hides or finds nothing and comes back as an error.
 */

export interface GraphToolParams {
  find: string;
  hide: string;
  hideIdle: boolean;
}

export interface ExpressionError {
  message: string;
  at: number;
}

export interface GraphToolsResult {
  graph: Graph;
  found: ReadonlySet<string>;
  hiddenNodes: number;
  hiddenEdges: number;
  findError?: ExpressionError;
  hideError?: ExpressionError;
}

const IDLE: FindExpression = [[{ type: 'flag', flag: 'idle', negated: false }]];

function parseOrError(text: string): { expression?: FindExpression; error?: ExpressionError } {
  if (text.trim() === '') return {};
  const r = parseFindExpression(text);
  return r.ok ? { expression: r.expression } : { error: { message: r.message, at: r.at } };
}

export function applyGraphTools(graph: Graph, params: GraphToolParams): GraphToolsResult {
  const hide = parseOrError(params.hide);
  const find = parseOrError(params.find);
  let shown = graph;
  if (params.hideIdle) shown = hideMatches(shown, matchGraph(shown, IDLE));
  if (hide.expression) shown = hideMatches(shown, matchGraph(shown, hide.expression));
  const found = new Set<string>();
  if (find.expression) {
    const m = matchGraph(shown, find.expression);
    m.nodes.forEach((id) => found.add(id));
    m.edges.forEach((id) => found.add(id));
  }
  return {
    graph: shown,
    found,
    hiddenNodes: graph.nodes.length - shown.nodes.length,
    hiddenEdges: graph.edges.length - shown.edges.length,
    ...(find.error ? { findError: find.error } : {}),
    ...(hide.error ? { hideError: hide.error } : {}),
  };
}
