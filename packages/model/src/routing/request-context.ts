import type { RoutingRequest } from './types';

/*
 * The request reduced to what match conditions read, computed once per resolveRoute call so
 * every match block sees the same parsed path, query and source.
 */

export interface MatchContext {
  /** Path without the query string ("/" when the request has none). */
  path: string;
  query: Map<string, string>;
  method: string;
  authority: string;
  scheme: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  port: number | undefined;
  sourceLabels: Record<string, string> | undefined;
  sourceNamespace: string | undefined;
  /** "mesh" for sidecar traffic, "ns/name" of the Gateway for gateway traffic. */
  gateway: string;
}

function parseQuery(search: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of search.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const key = safeDecode(rawKey);
    // Envoy matches the first occurrence of a repeated parameter.
    if (!out.has(key)) out.set(key, safeDecode(rawValue));
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = v;
  return out;
}

export function matchContext(request: RoutingRequest): MatchContext {
  const rawPath = request.path ?? request.headers?.[':path'] ?? '/';
  const q = rawPath.indexOf('?');
  const path = q < 0 ? rawPath : rawPath.slice(0, q);
  const headers = lowerKeys(request.headers);
  const source = request.source;
  return {
    path: path === '' ? '/' : path,
    query: parseQuery(q < 0 ? '' : rawPath.slice(q + 1)),
    method: (request.method ?? headers[':method'] ?? 'GET').toUpperCase(),
    authority: headers[':authority'] ?? headers.host ?? request.host,
    scheme: headers[':scheme'] ?? 'http',
    headers,
    port: request.port,
    sourceLabels: source.labels,
    sourceNamespace: source.kind === 'mesh' ? source.namespace : (source.namespace ?? source.gateway.split('/')[0]),
    gateway: source.kind === 'mesh' ? 'mesh' : source.gateway,
  };
}
