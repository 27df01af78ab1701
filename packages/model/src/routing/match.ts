import type { HTTPMatchRequest, StringMatch, TCPRoute, TLSRoute } from '../resources/istio';
import { gatewayKey } from './gateway-ref';
import { hostMatches, resolveHost } from './host';
import type { MatchContext } from './request-context';
import { isEmptyStringMatch, stringMatches } from './string-match';

/*
 * Match evaluation. Within one match block every condition must hold (AND); a route matches when
 * any of its blocks does (OR); a route without blocks matches everything. First route wins.
 */

type L4Match = NonNullable<TCPRoute['match']>[number];
type TLSMatch = NonNullable<TLSRoute['match']>[number];

/** Conditions shared by http, tcp and tls match blocks. */
interface CommonMatch {
  port?: number | undefined;
  sourceLabels?: Record<string, string> | undefined;
  gateways?: string[] | undefined;
  sourceNamespace?: string | undefined;
}

function commonMatches(m: CommonMatch, ctx: MatchContext, vsNamespace: string): boolean {
  if (m.port !== undefined && m.port !== ctx.port) return false;
  if (m.sourceNamespace !== undefined && m.sourceNamespace !== ctx.sourceNamespace) return false;
  if (m.sourceLabels && Object.keys(m.sourceLabels).length > 0) {
    const labels = ctx.sourceLabels ?? {};
    if (!Object.entries(m.sourceLabels).every(([k, v]) => labels[k] === v)) return false;
  }
  // gateways in a match block override the VirtualService's top-level list for this block.
  if (m.gateways && m.gateways.length > 0) {
    if (!m.gateways.some((g) => gatewayKey(g, vsNamespace) === ctx.gateway)) return false;
  }
  return true;
}

/** Header/query conditions: {} means "present". */
function presentOrMatches(m: StringMatch, value: string | undefined): boolean {
  return isEmptyStringMatch(m) ? value !== undefined : stringMatches(m, value);
}

export function httpMatchBlockMatches(m: HTTPMatchRequest, ctx: MatchContext, vsNamespace: string): boolean {
  if (!commonMatches(m, ctx, vsNamespace)) return false;
  if (m.uri && !stringMatches(m.uri, ctx.path, m.ignoreUriCase === true)) return false;
  if (m.method && !stringMatches(m.method, ctx.method)) return false;
  if (m.scheme && !stringMatches(m.scheme, ctx.scheme)) return false;
  if (m.authority && !stringMatches(m.authority, ctx.authority)) return false;
  for (const [name, sm] of Object.entries(m.headers ?? {})) {
    if (!presentOrMatches(sm, ctx.headers[name.toLowerCase()])) return false;
  }
  for (const [name, sm] of Object.entries(m.withoutHeaders ?? {})) {
    if (presentOrMatches(sm, ctx.headers[name.toLowerCase()])) return false;
  }
  for (const [name, sm] of Object.entries(m.queryParams ?? {})) {
    if (!presentOrMatches(sm, ctx.query.get(name))) return false;
  }
  return true;
}

/** A route matched: by block `matchIndex`, or (undefined) because it has no blocks. null: no match. */
export type RouteMatch = { matchIndex: number | undefined } | null;

function firstBlock<T>(blocks: readonly T[] | undefined, test: (block: T) => boolean): RouteMatch {
  if (!blocks || blocks.length === 0) return { matchIndex: undefined };
  const i = blocks.findIndex(test);
  return i < 0 ? null : { matchIndex: i };
}

export function httpRouteMatch(
  blocks: readonly HTTPMatchRequest[] | undefined,
  ctx: MatchContext,
  vsNamespace: string,
): RouteMatch {
  return firstBlock(blocks, (m) => httpMatchBlockMatches(m, ctx, vsNamespace));
}

function l4MatchBlockMatches(m: L4Match, ctx: MatchContext, vsNamespace: string): boolean {
  // Requests carry no destination IP, so a subnet-scoped block cannot be shown to match; treating
  // it as not matching keeps it from silently catching all traffic.
  if (m.destinationSubnets && m.destinationSubnets.length > 0) return false;
  return commonMatches(m, ctx, vsNamespace);
}

export function tcpRouteMatch(
  blocks: readonly L4Match[] | undefined,
  ctx: MatchContext,
  vsNamespace: string,
): RouteMatch {
  return firstBlock(blocks, (m) => l4MatchBlockMatches(m, ctx, vsNamespace));
}

export function tlsRouteMatch(
  blocks: readonly TLSMatch[] | undefined,
  ctx: MatchContext,
  vsNamespace: string,
  sniHost: string,
): RouteMatch {
  return firstBlock(
    blocks,
    (m) =>
      l4MatchBlockMatches(m, ctx, vsNamespace) &&
      (m.sniHosts ?? []).some((h) => hostMatches(resolveHost(h, vsNamespace), sniHost)),
  );
}
