import type { HTTPRoute } from '../resources/istio';
import type { Finding } from './finding';
import { error, keyPath } from './codes';
import { checkRegex } from './field-rules';

/*
 * istiod's rules for what an http route does to a request besides choosing destinations: rewrite,
 * redirect and header operations (route level and per destination).
 */

/** Istio's header name rule (validation.go's validHeaderRegex): stricter than HTTP's token. */
const ISTIO_HEADER_NAME = /^[-_A-Za-z0-9]+$/;

export function checkHeaderName(name: string, path: string): Finding[] {
  if (ISTIO_HEADER_NAME.test(name)) return [];
  return [
    error(path, 'header_name_invalid', `"${name}" is not a valid header name (letters, digits, "-" and "_" only)`),
  ];
}

/** Envoy's redirect response codes; istiod drops a redirect with any other code, so the route would do nothing. */
export const REDIRECT_CODES = [301, 302, 303, 307, 308] as const;

export function checkRewrite(route: HTTPRoute, path: string): Finding[] {
  const rw = route.rewrite;
  if (!rw) return [];
  const at = `${path}.rewrite`;
  if (rw.uri === undefined && rw.authority === undefined && rw.uriRegexRewrite === undefined)
    return [error(at, 'rewrite_empty', 'a rewrite needs uri, uriRegexRewrite or authority')];
  const findings: Finding[] = [];
  if (rw.uri !== undefined && rw.uriRegexRewrite !== undefined)
    findings.push(
      error(`${at}.uriRegexRewrite`, 'rewrite_uri_and_regex', 'uriRegexRewrite cannot be set together with uri'),
    );
  if (rw.uriRegexRewrite) {
    findings.push(...checkRegex(rw.uriRegexRewrite.match, `${at}.uriRegexRewrite.match`));
    if (rw.uriRegexRewrite.rewrite === '')
      findings.push(error(`${at}.uriRegexRewrite.rewrite`, 'rewrite_empty', 'uriRegexRewrite.rewrite cannot be empty'));
  }
  return findings;
}

export function checkRedirect(route: HTTPRoute, path: string): Finding[] {
  const r = route.redirect;
  if (!r) return [];
  const at = `${path}.redirect`;
  const findings: Finding[] = [];
  if (r.uri === undefined && r.authority === undefined && r.port === undefined && r.scheme === undefined)
    findings.push(error(at, 'redirect_empty', 'a redirect needs uri, authority, scheme or port'));
  if (r.redirectCode !== undefined && !(REDIRECT_CODES as readonly number[]).includes(r.redirectCode))
    findings.push(
      error(
        `${at}.redirectCode`,
        'redirect_code_invalid',
        `redirectCode ${r.redirectCode} is not a redirect status Envoy sends (${REDIRECT_CODES.join(', ')})`,
      ),
    );
  if (r.scheme !== undefined && r.scheme !== 'http' && r.scheme !== 'https')
    findings.push(error(`${at}.scheme`, 'redirect_scheme_invalid', `scheme "${r.scheme}" must be http or https`));
  if (r.port !== undefined && r.derivePort !== undefined)
    findings.push(error(`${at}.derivePort`, 'redirect_port_and_derive', 'use either port or derivePort, not both'));
  if (r.port !== undefined && (!Number.isInteger(r.port) || r.port < 1 || r.port > 65535))
    findings.push(error(`${at}.port`, 'gateway_port_invalid', `port ${r.port} must be 1..65535`));
  return findings;
}

type Operations = { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] };

function checkOperations(ops: Operations | undefined, path: string): Finding[] {
  if (!ops) return [];
  const findings: Finding[] = [];
  for (const kind of ['set', 'add'] as const)
    for (const name of Object.keys(ops[kind] ?? {}))
      findings.push(...checkHeaderName(name, keyPath(`${path}.${kind}`, name)));
  (ops.remove ?? []).forEach((name, i) => findings.push(...checkHeaderName(name, `${path}.remove[${i}]`)));
  return findings;
}

/** Header operation names on the route and on each destination. */
export function checkHeaderOperations(route: HTTPRoute, path: string): Finding[] {
  const at = (headers: HTTPRoute['headers'], base: string) => [
    ...checkOperations(headers?.request, `${base}.request`),
    ...checkOperations(headers?.response, `${base}.response`),
  ];
  return [
    ...at(route.headers, `${path}.headers`),
    ...(route.route ?? []).flatMap((d, i) => at(d.headers, `${path}.route[${i}].headers`)),
  ];
}
