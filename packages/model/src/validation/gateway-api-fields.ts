import type { BackendRef, HeaderModifier, HTTPNameValueMatch, HTTPRouteFilter } from '../resources/gateway-api';
import type { Finding } from './finding';
import { error, warning } from './codes';

/*
 * Field rules of the Gateway API CRDs (v1.x standard channel; the CEL and OpenAPI rules the API
 * server enforces, so a write Sluice lets through is not refused with a 422), shared by HTTPRoute,
 * GRPCRoute and TCPRoute.
 */

export const MAX_RULES = 16;
export const MAX_BACKENDS = 16;
export const MAX_MATCHES = 64;
export const MAX_WEIGHT = 1_000_000;

const TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
export function hostnameFindings(hostnames: readonly string[] | undefined): Finding[] {
  return (hostnames ?? []).flatMap((h, i) =>
    !HOSTNAME.test(h) || IPV4.test(h) || h.length > 253
      ? [
          error(
            `spec.hostnames[${i}]`,
            'route_hostname_invalid',
            `"${h}" is not a hostname (lower-case DNS name, optionally starting with "*."; no IP addresses)`,
          ),
        ]
      : [],
  );
}

/** A Service reference (the default kind) needs a port; weights are integers 0..1,000,000. */
export function backendRefFindings(refs: readonly BackendRef[] | undefined, path: string): Finding[] {
  const list = refs ?? [];
  const findings: Finding[] = [];
  if (list.length > MAX_BACKENDS)
    findings.push(error(path, 'route_too_many', `at most ${MAX_BACKENDS} backendRefs per rule, got ${list.length}`));
  list.forEach((ref, i) => {
    const at = `${path}[${i}]`;
    const w = ref.weight;
    if (w !== undefined && (!Number.isInteger(w) || w < 0 || w > MAX_WEIGHT))
      findings.push(error(`${at}.weight`, 'backend_weight_range', `weight ${w} must be an integer 0..${MAX_WEIGHT}`));
    if (isServiceRef(ref) && ref.port === undefined)
      findings.push(
        error(`${at}.port`, 'backend_port_missing', `backendRef "${ref.name}" is a Service: port is required`),
      );
  });
  if (list.length > 1 && list.every((r) => (r.weight ?? 1) === 0))
    findings.push(
      warning(
        path,
        'weights_all_zero',
        'every backendRef has weight 0: the rule answers 500 to every request it matches',
      ),
    );
  return findings;
}

export const isServiceRef = (ref: { group?: string | undefined; kind?: string | undefined }) =>
  (ref.group ?? '') === '' && (ref.kind ?? 'Service') === 'Service';

export function nameValueMatchFindings(
  matches: readonly HTTPNameValueMatch[] | undefined,
  path: string,
  what: 'header' | 'query parameter',
): Finding[] {
  const seen = new Set<string>();
  return (matches ?? []).flatMap((m, i) => {
    const at = `${path}[${i}]`;
    const type = m.type ?? 'Exact';
    const out: Finding[] = [];
    if (type !== 'Exact' && type !== 'RegularExpression')
      out.push(
        error(`${at}.type`, 'route_header_match_invalid', `${what} match type must be Exact or RegularExpression`),
      );
    if (what === 'header' && !TOKEN.test(m.name))
      out.push(error(`${at}.name`, 'route_header_match_invalid', `"${m.name}" is not a valid header name`));
    const key = what === 'header' ? m.name.toLowerCase() : m.name;
    if (seen.has(key))
      out.push(error(`${at}.name`, 'route_header_match_invalid', `${what} "${m.name}" is matched twice in one match`));
    seen.add(key);
    if (type === 'RegularExpression' && !validRegex(m.value))
      out.push(error(`${at}.value`, 'string_match_invalid', `"${m.value}" is not a valid regular expression`));
    return out;
  });
}

export function validRegex(text: string): boolean {
  try {
    new RegExp(text);
    return true;
  } catch {
    return false;
  }
}

function headerModifierFindings(mod: HeaderModifier, path: string): Finding[] {
  const names = [...(mod.set ?? []).map((h) => h.name), ...(mod.add ?? []).map((h) => h.name), ...(mod.remove ?? [])];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (!TOKEN.test(name)) out.push(error(path, 'header_modifier_invalid', `"${name}" is not a valid header name`));
    else if (seen.has(key)) out.push(error(path, 'header_modifier_invalid', `header "${name}" is modified twice`));
    seen.add(key);
  }
  if (names.length === 0) out.push(error(path, 'header_modifier_invalid', 'set, add or remove at least one header'));
  return out;
}

const FILTER_FIELD: Record<string, keyof HTTPRouteFilter> = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  RequestMirror: 'requestMirror',
  ExtensionRef: 'extensionRef',
};
/** Filters that may appear once per rule (RequestMirror may repeat). */
const ONCE = new Set(['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite']);

/**
 * `allowed` lists the filter types the route kind takes (GRPCRoute has no redirect or rewrite);
 * `prefixMatch` says whether every match of the rule is a PathPrefix (ReplacePrefixMatch needs it).
 */
export function filterFindings(
  filters: readonly HTTPRouteFilter[] | undefined,
  path: string,
  allowed: readonly string[],
  prefixMatch: boolean,
): Finding[] {
  const out: Finding[] = [];
  const counts = new Map<string, number>();
  (filters ?? []).forEach((f, i) => {
    const at = `${path}[${i}]`;
    const field = FILTER_FIELD[f.type];
    if (!field || !allowed.includes(f.type)) {
      out.push(
        error(`${at}.type`, 'filter_type_invalid', `filter type "${f.type}" is not one of ${allowed.join(', ')}`),
      );
      return;
    }
    counts.set(f.type, (counts.get(f.type) ?? 0) + 1);
    if (ONCE.has(f.type) && counts.get(f.type) === 2)
      out.push(error(`${at}.type`, 'filter_duplicate', `a rule may have only one ${f.type} filter`));
    const others = Object.values(FILTER_FIELD).filter((k) => k !== field && f[k] !== undefined);
    if (f[field] === undefined || others.length > 0)
      out.push(
        error(
          at,
          'filter_config_mismatch',
          `a ${f.type} filter must set ${field} and nothing else${others.length ? ` (also has ${others.join(', ')})` : ''}`,
        ),
      );
    if (f.requestHeaderModifier)
      out.push(...headerModifierFindings(f.requestHeaderModifier, `${at}.requestHeaderModifier`));
    if (f.responseHeaderModifier)
      out.push(...headerModifierFindings(f.responseHeaderModifier, `${at}.responseHeaderModifier`));
    const redirect = f.requestRedirect;
    if (redirect?.statusCode !== undefined && redirect.statusCode !== 301 && redirect.statusCode !== 302)
      out.push(error(`${at}.requestRedirect.statusCode`, 'redirect_status_invalid', 'statusCode must be 301 or 302'));
    if (redirect?.scheme !== undefined && redirect.scheme !== 'http' && redirect.scheme !== 'https')
      out.push(error(`${at}.requestRedirect.scheme`, 'redirect_status_invalid', 'scheme must be http or https'));
    for (const [mod, modPath] of [
      [redirect?.path, `${at}.requestRedirect.path`],
      [f.urlRewrite?.path, `${at}.urlRewrite.path`],
    ] as const) {
      if (!mod) continue;
      const ok =
        mod.type === 'ReplaceFullPath'
          ? mod.replaceFullPath !== undefined && mod.replacePrefixMatch === undefined
          : mod.type === 'ReplacePrefixMatch' &&
            mod.replacePrefixMatch !== undefined &&
            mod.replaceFullPath === undefined;
      if (!ok)
        out.push(
          error(
            modPath,
            'path_modifier_invalid',
            'type ReplaceFullPath sets replaceFullPath; ReplacePrefixMatch sets replacePrefixMatch',
          ),
        );
      else if (mod.type === 'ReplacePrefixMatch' && !prefixMatch)
        out.push(
          error(
            modPath,
            'path_modifier_invalid',
            'ReplacePrefixMatch needs every match of the rule to be a PathPrefix match',
          ),
        );
    }
    const mirror = f.requestMirror;
    if (mirror) {
      if (mirror.percent !== undefined && (mirror.percent < 0 || mirror.percent > 100))
        out.push(error(`${at}.requestMirror.percent`, 'mirror_percentage_range', 'percent must be 0..100'));
      if (mirror.percent !== undefined && mirror.fraction !== undefined)
        out.push(error(`${at}.requestMirror`, 'filter_config_mismatch', 'set percent or fraction, not both'));
      const fr = mirror.fraction;
      if (fr && (fr.numerator < 0 || fr.numerator > (fr.denominator ?? 100) || (fr.denominator ?? 100) < 1))
        out.push(
          error(`${at}.requestMirror.fraction`, 'mirror_percentage_range', 'fraction must be 0..denominator (>= 1)'),
        );
      if (isServiceRef(mirror.backendRef) && mirror.backendRef.port === undefined)
        out.push(
          error(`${at}.requestMirror.backendRef.port`, 'backend_port_missing', 'a Service backendRef needs a port'),
        );
    }
  });
  if (counts.has('RequestRedirect') && counts.has('URLRewrite'))
    out.push(error(path, 'filter_redirect_with_rewrite', 'a rule may not have both RequestRedirect and URLRewrite'));
  return out;
}
