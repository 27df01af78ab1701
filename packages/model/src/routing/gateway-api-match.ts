import type { GRPCRouteRule, HTTPNameValueMatch, HTTPRouteMatch, HTTPRouteRule } from '../resources/gateway-api';
import type { MatchContext } from './request-context';

/*
 * Gateway API match semantics and precedence (HTTPRoute spec, "HTTPRouteRule" and GEP-1426 for
 * mesh routes). Unlike a VirtualService, whose routes are tried in order, every rule of every route
 * attached to the same parent and hostname competes, and the most specific match wins:
 *   1. an Exact path match,
 *   2. then the PathPrefix match with the most characters,
 *   3. then a match with a method,
 *   4. then the most header matches,
 *   5. then the most query param matches;
 * ties go to the oldest route (creationTimestamp), then "namespace/name" in alphabetical order,
 * then the first rule and match in list order. RegularExpression path precedence is
 * implementation-specific: like Istio, Sluice ranks it after every prefix (decision 0071).
 */

/** A match's rank: compared element by element, larger first. */
export type MatchRank = readonly number[];

function nameValueMatches(list: readonly HTTPNameValueMatch[] | undefined, get: (name: string) => string | undefined) {
  return (list ?? []).every((m) => {
    const value = get(m.name);
    if (value === undefined) return false;
    if ((m.type ?? 'Exact') === 'Exact') return value === m.value;
    try {
      return new RegExp(`^(?:${m.value})$`).test(value);
    } catch {
      return false;
    }
  });
}

function pathMatches(path: HTTPRouteMatch['path'], requestPath: string): boolean {
  const type = path?.type ?? 'PathPrefix';
  const value = path?.value ?? '/';
  if (type === 'Exact') return requestPath === value;
  if (type === 'RegularExpression') {
    try {
      return new RegExp(`^(?:${value})$`).test(requestPath);
    } catch {
      return false;
    }
  }
  // Prefix matching is by whole path elements: "/foo" matches "/foo" and "/foo/bar", not "/foobar".
  const prefix = value.endsWith('/') && value.length > 1 ? value.slice(0, -1) : value;
  return prefix === '/' || requestPath === prefix || requestPath.startsWith(`${prefix}/`);
}

export function httpMatchHits(m: HTTPRouteMatch, ctx: MatchContext): boolean {
  return (
    pathMatches(m.path, ctx.path) &&
    (m.method === undefined || m.method === ctx.method) &&
    nameValueMatches(m.headers, (n) => ctx.headers[n.toLowerCase()]) &&
    nameValueMatches(m.queryParams, (n) => ctx.query.get(n))
  );
}

export function httpMatchRank(m: HTTPRouteMatch): MatchRank {
  const type = m.path?.type ?? 'PathPrefix';
  const value = m.path?.value ?? '/';
  return [
    type === 'Exact' ? 1 : 0,
    type === 'PathPrefix' ? value.length : type === 'Exact' ? 0 : -1,
    m.method === undefined ? 0 : 1,
    (m.headers ?? []).length,
    (m.queryParams ?? []).length,
  ];
}

/** The rule's matches; a rule without any matches every request (as a PathPrefix "/"). */
export function matchesOf(rule: HTTPRouteRule): HTTPRouteMatch[] {
  return rule.matches && rule.matches.length > 0 ? rule.matches : [{ path: { type: 'PathPrefix', value: '/' } }];
}

type GrpcMatch = NonNullable<GRPCRouteRule['matches']>[number];

/** gRPC requests carry ":path" = "/package.Service/Method". */
export function grpcMatchHits(m: GrpcMatch, ctx: MatchContext): boolean {
  const [, service = '', method = ''] = ctx.path.split('/');
  const spec = m.method;
  const same = (want: string | undefined, got: string) => {
    if (want === undefined) return true;
    if ((spec?.type ?? 'Exact') === 'Exact') return want === got;
    try {
      return new RegExp(`^(?:${want})$`).test(got);
    } catch {
      return false;
    }
  };
  return (
    same(spec?.service, service) &&
    same(spec?.method, method) &&
    nameValueMatches(m.headers, (n) => ctx.headers[n.toLowerCase()])
  );
}

/** GRPCRoute precedence: characters in a matching service, then in the method, then header count. */
export function grpcMatchRank(m: GrpcMatch): MatchRank {
  return [(m.method?.service ?? '').length, (m.method?.method ?? '').length, (m.headers ?? []).length];
}

export function compareRanks(a: MatchRank, b: MatchRank): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
