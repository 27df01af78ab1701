import type { HTTPMatchRequest, HTTPRedirect, HTTPRewrite, RouteView, StringMatch } from '@sluice/model';

/*
 * What a route does, in words, for its card: when it applies (its match blocks), then what happens to
 * the request (rewrite, header operations, redirect) and where it goes. Istio tries routes in order
 * and the first that matches wins, so "when" is read with the routes above it in mind (the card says so).
 */

type HeaderOps = { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] } | undefined;
type Headers = { request?: HeaderOps; response?: HeaderOps } | undefined;

function stringMatch(what: string, m: StringMatch | undefined, presence = false): string | undefined {
  if (!m) return undefined;
  if (m.exact !== undefined) return `${what} is "${m.exact}"`;
  if (m.prefix !== undefined) return `${what} starts with "${m.prefix}"`;
  if (m.regex !== undefined) return `${what} matches /${m.regex}/`;
  return presence ? `${what} is present` : undefined;
}

/** One match block (its conditions all hold), e.g. `path starts with "/canary" and header x-canary is "true"`. */
export function matchInWords(m: HTTPMatchRequest): string {
  const parts = [
    stringMatch(m.ignoreUriCase ? 'path (any case)' : 'path', m.uri),
    stringMatch('method', m.method),
    stringMatch('authority', m.authority),
    stringMatch('scheme', m.scheme),
    ...Object.entries(m.headers ?? {}).map(([k, v]) => stringMatch(`header ${k}`, v, true)),
    ...Object.entries(m.withoutHeaders ?? {}).map(([k, v]) =>
      Object.keys(v).length === 0 ? `header ${k} is absent` : `not ${stringMatch(`header ${k}`, v)}`,
    ),
    ...Object.entries(m.queryParams ?? {}).map(([k, v]) => stringMatch(`query ${k}`, v, true)),
    m.port !== undefined && `port is ${m.port}`,
    m.sourceLabels &&
      `caller has ${Object.entries(m.sourceLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    m.sourceNamespace && `caller in namespace ${m.sourceNamespace}`,
    m.gateways && `entering through ${m.gateways.join(' or ')}`,
  ].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length > 0 ? parts.join(' and ') : 'any request';
}

function headerOps(side: 'request' | 'response', ops: HeaderOps): string[] {
  if (!ops) return [];
  return [
    ...Object.entries(ops.set ?? {}).map(([k, v]) => `set ${side} header ${k}: ${v}`),
    ...Object.entries(ops.add ?? {}).map(([k, v]) => `add ${side} header ${k}: ${v}`),
    ...(ops.remove ?? []).map((k) => `remove ${side} header ${k}`),
  ];
}

export function headersInWords(h: Headers): string[] {
  return [...headerOps('request', h?.request), ...headerOps('response', h?.response)];
}

function rewriteInWords(rw: HTTPRewrite, route: RouteView): string[] {
  const prefix = route.match?.find((m) => m.uri?.prefix !== undefined)?.uri?.prefix;
  return [
    rw.uri !== undefined && (prefix ? `rewrite path prefix "${prefix}" to "${rw.uri}"` : `rewrite path to "${rw.uri}"`),
    rw.uriRegexRewrite && `rewrite path /${rw.uriRegexRewrite.match}/ to "${rw.uriRegexRewrite.rewrite}"`,
    rw.authority !== undefined && `rewrite authority to ${rw.authority}`,
  ].filter((p): p is string => typeof p === 'string');
}

/** The Location a redirect answers with; parts it leaves to the request say so. */
export function redirectTarget(r: HTTPRedirect): string {
  const scheme = r.scheme ? `${r.scheme}://` : '';
  const port =
    r.port !== undefined
      ? `:${r.port}`
      : r.derivePort === 'FROM_REQUEST_PORT'
        ? ':(request port)'
        : r.derivePort === 'FROM_PROTOCOL_DEFAULT'
          ? ''
          : '';
  return `${scheme}${r.authority ?? '(same host)'}${port}${r.uri ?? '(same path)'}`;
}

const destinationName = (d: { host: string; subset?: string | undefined }) =>
  d.subset ? `${d.host} ${d.subset}` : d.host;

/** `{ when, steps }`: the route's condition, then each thing it does to a matching request, in order. */
export function routeInWords(route: RouteView): { when: string; steps: string[] } {
  const blocks = route.match ?? [];
  const when =
    route.kind !== 'http'
      ? route.matchSummary.length
        ? `connections where ${route.matchSummary.join(' or ')}`
        : 'every connection'
      : blocks.length
        ? `requests where ${blocks.map(matchInWords).join(', or ')}`
        : 'every request that reaches it';
  if (route.redirect)
    return {
      when,
      steps: [`answer ${route.redirect.redirectCode ?? 301} redirect to ${redirectTarget(route.redirect)}`],
    };
  const steps = [
    ...(route.rewrite ? rewriteInWords(route.rewrite, route) : []),
    ...headerOps('request', (route.headers as Headers)?.request),
  ];
  const send = route.expected.map((e) => {
    const i = route.destinations?.findIndex(
      (d) => d.destination.host === e.destination.host && d.destination.subset === e.destination.subset,
    );
    const own = i !== undefined && i >= 0 ? headersInWords(route.destinations?.[i]?.headers as Headers) : [];
    const share = `${Math.round(e.share * 1000) / 10}% to ${destinationName(e.destination)}`;
    return own.length ? `${share} (there: ${own.join(', ')})` : share;
  });
  if (send.length) steps.push(`send ${send.join(', ')}`);
  steps.push(...headerOps('response', (route.headers as Headers)?.response));
  return { when, steps };
}
