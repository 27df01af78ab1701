import type { Destination, HTTPRoute, HTTPRewrite, TCPRoute, TLSRoute } from '../resources/istio';
import { parseDurationMs } from '../resources/duration';
import { translateRe2 } from '../resources/re2';
import type { RouteKind } from '../resources/route-ref';
import { resolveHost } from './host';
import type { MatchContext } from './request-context';
import type { MirrorTarget, RouteDecision } from './types';
import { weightedTargets } from './weights';

/* Turning one matched route into a RouteDecision. */

export interface MatchedRoute {
  vsNamespace: string;
  vsName: string;
  kind: RouteKind;
  index: number;
  matchIndex: number | undefined;
  resolvedHost: string;
}

function resolver(vsNamespace: string): (d: Destination) => Destination {
  return (d) => ({ ...d, host: resolveHost(d.host, vsNamespace) });
}

/** `mirror` (+ mirrorPercentage, or the deprecated integer mirrorPercent; 100% by default) and `mirrors` (100% each by default). */
export function mirrorsOf(route: HTTPRoute, vsNamespace: string): MirrorTarget[] {
  const resolve = resolver(vsNamespace);
  const out: MirrorTarget[] = [];
  if (route.mirror) {
    const percent = route.mirrorPercentage?.value ?? route.mirrorPercent ?? 100;
    out.push({ destination: resolve(route.mirror), percent });
  }
  for (const m of route.mirrors ?? []) {
    out.push({ destination: resolve(m.destination), percent: m.percentage?.value ?? 100 });
  }
  return out;
}

/**
 * The path the upstream sees. Envoy's prefix_rewrite replaces only the matched prefix; for exact
 * and regex uri matches (and routes without a uri match) Istio rewrites the whole path.
 * uriRegexRewrite substitutes with RE2 semantics (\1 becomes $1 in JS).
 */
export function rewritePath(
  rewrite: HTTPRewrite | undefined,
  route: HTTPRoute,
  matchIndex: number | undefined,
  path: string,
): string | undefined {
  if (!rewrite) return undefined;
  if (rewrite.uriRegexRewrite) {
    const t = translateRe2(rewrite.uriRegexRewrite.match);
    if (!t.ok) return undefined;
    const re = new RegExp(t.source, `${t.flags}gu`);
    return path.replace(re, rewrite.uriRegexRewrite.rewrite.replace(/\\(\d)/g, '$$$1'));
  }
  if (rewrite.uri === undefined) return undefined;
  const uri = matchIndex === undefined ? undefined : route.match?.[matchIndex]?.uri;
  if (uri?.prefix !== undefined) {
    const ignoreCase = route.match?.[matchIndex ?? 0]?.ignoreUriCase === true;
    const hasPrefix = ignoreCase
      ? path.toLowerCase().startsWith(uri.prefix.toLowerCase())
      : path.startsWith(uri.prefix);
    if (!hasPrefix) return path;
    const rest = path.slice(uri.prefix.length);
    // Envoy's literal prefix_rewrite turns "/canary/x" with uri "/" into "//x"; istiod avoids the
    // doubled slash for this common case, so the upstream sees "/x".
    return rewrite.uri.endsWith('/') && rest.startsWith('/') ? rewrite.uri + rest.slice(1) : rewrite.uri + rest;
  }
  return rewrite.uri;
}

function base(
  m: MatchedRoute,
): Pick<RouteDecision, 'virtualService' | 'routeKind' | 'routeIndex' | 'matchIndex' | 'resolvedHost'> {
  return {
    virtualService: { namespace: m.vsNamespace, name: m.vsName },
    routeKind: m.kind,
    routeIndex: m.index,
    ...(m.matchIndex === undefined ? {} : { matchIndex: m.matchIndex }),
    resolvedHost: m.resolvedHost,
  };
}

/** A positive timeout in ms; "0s" means "no timeout" in Istio, so it maps to undefined. */
function timeoutOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDurationMs(text);
  return ms === undefined || ms <= 0 ? undefined : ms;
}

export function httpDecision(route: HTTPRoute, m: MatchedRoute, ctx: MatchContext): RouteDecision {
  const decision: RouteDecision = {
    ...base(m),
    ...(route.name === undefined ? {} : { routeName: route.name }),
    route,
    destinations: [],
    mirrors: [],
  };
  if (route.redirect) return { ...decision, redirect: route.redirect };
  if (route.directResponse) return { ...decision, directResponse: route.directResponse };
  decision.destinations = weightedTargets(route.route ?? [], resolver(m.vsNamespace));
  decision.mirrors = mirrorsOf(route, m.vsNamespace);
  if (route.rewrite) {
    decision.rewrite = route.rewrite;
    const rewritten = rewritePath(route.rewrite, route, m.matchIndex, ctx.path);
    if (rewritten !== undefined) decision.rewrittenPath = rewritten;
  }
  if (route.fault) decision.fault = route.fault;
  const timeoutMs = timeoutOf(route.timeout);
  if (timeoutMs !== undefined) decision.timeoutMs = timeoutMs;
  if (route.retries) {
    const perTryTimeoutMs = timeoutOf(route.retries.perTryTimeout);
    decision.retries = { ...route.retries, ...(perTryTimeoutMs === undefined ? {} : { perTryTimeoutMs }) };
  }
  return decision;
}

export function l4Decision(route: TCPRoute | TLSRoute, m: MatchedRoute): RouteDecision {
  return { ...base(m), destinations: weightedTargets(route.route ?? [], resolver(m.vsNamespace)), mirrors: [] };
}
