import type { HTTPRedirect } from '../resources/istio';
import type { RoutingRequest } from './types';

/*
 * The answer the source proxy gives for a redirect route (Envoy's redirect action): status 301
 * unless redirectCode says otherwise, and a Location built from the request with the redirect's
 * parts replaced. `uri` replaces the whole path (query included, as Envoy's path_redirect does).
 */

export interface RedirectAnswer {
  status: number;
  location: string;
}

const DEFAULT_PORT: Record<string, number> = { http: 80, https: 443 };

export function redirectAnswer(
  redirect: HTTPRedirect,
  request: Pick<RoutingRequest, 'host' | 'port' | 'path' | 'headers'>,
): RedirectAnswer {
  const requestScheme = request.headers?.[':scheme'] ?? 'http';
  const scheme = redirect.scheme ?? requestScheme;
  const authority = request.headers?.[':authority'] ?? request.headers?.host ?? request.host;
  const requestHost = authority.replace(/:\d+$/, '');
  const host = redirect.authority ?? requestHost;
  let port: number | undefined;
  if (redirect.port !== undefined) port = redirect.port;
  else if (redirect.derivePort === 'FROM_REQUEST_PORT') port = request.port;
  else if (redirect.derivePort === 'FROM_PROTOCOL_DEFAULT') port = undefined;
  else if (redirect.authority === undefined) port = portOf(authority);
  const showPort = port !== undefined && port !== DEFAULT_PORT[scheme];
  const path = redirect.uri ?? request.path ?? '/';
  return { status: redirect.redirectCode ?? 301, location: `${scheme}://${host}${showPort ? `:${port}` : ''}${path}` };
}

function portOf(authority: string): number | undefined {
  const m = /:(\d+)$/.exec(authority);
  return m ? Number(m[1]) : undefined;
}
