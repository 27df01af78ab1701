import type { Finding } from './finding';
import { keyPath, warning } from './codes';

/*
 * Fields Istio's VirtualService schema does not have. Sluice keeps unknown fields on every write (a
 * newer Istio may know them), so they are not errors; but in text an operator types, `timout: 1s` is
 * almost always a typo that the Kubernetes API server would silently prune. The YAML editor marks
 * them as warnings at their lines. The field lists are Istio's networking v1 API.
 */

type Shape = { readonly [key: string]: Shape | readonly [Shape] | 'map' | 'leaf' };

const leaf = 'leaf' as const;
const stringMatch: Shape = { exact: leaf, prefix: leaf, regex: leaf };
const matchMap = 'map' as const;
const destination: Shape = { host: leaf, subset: leaf, port: { number: leaf } };
const headerOps: Shape = { set: leaf, add: leaf, remove: leaf };
const headers: Shape = { request: headerOps, response: headerOps };
const percent: Shape = { value: leaf };
const httpMatch: Shape = {
  name: leaf,
  uri: stringMatch,
  scheme: stringMatch,
  method: stringMatch,
  authority: stringMatch,
  headers: matchMap,
  withoutHeaders: matchMap,
  queryParams: matchMap,
  port: leaf,
  sourceLabels: leaf,
  gateways: leaf,
  sourceNamespace: leaf,
  ignoreUriCase: leaf,
  statPrefix: leaf,
};
const httpRoute: Shape = {
  name: leaf,
  match: [httpMatch],
  route: [{ destination, weight: leaf, headers }],
  redirect: { uri: leaf, authority: leaf, port: leaf, derivePort: leaf, scheme: leaf, redirectCode: leaf },
  directResponse: { status: leaf, body: leaf },
  delegate: { name: leaf, namespace: leaf },
  rewrite: { uri: leaf, authority: leaf, uriRegexRewrite: { match: leaf, rewrite: leaf } },
  timeout: leaf,
  retries: {
    attempts: leaf,
    perTryTimeout: leaf,
    retryOn: leaf,
    retryRemoteLocalities: leaf,
    retryIgnorePreviousHosts: leaf,
    backoff: leaf,
  },
  fault: {
    delay: { fixedDelay: leaf, exponentialDelay: leaf, percentage: percent, percent: leaf },
    abort: { httpStatus: leaf, grpcStatus: leaf, http2Error: leaf, percentage: percent },
  },
  mirror: destination,
  mirrorPercentage: percent,
  mirrorPercent: leaf,
  mirror_percent: leaf,
  mirrors: [{ destination, percentage: percent }],
  corsPolicy: leaf,
  headers,
};
const l4Match: Shape = {
  destinationSubnets: leaf,
  port: leaf,
  sourceLabels: leaf,
  gateways: leaf,
  sourceNamespace: leaf,
  sniHosts: leaf,
};
const l4Route: Shape = { match: [l4Match], route: [{ destination, weight: leaf }] };
const spec: Shape = { hosts: leaf, gateways: leaf, http: [httpRoute], tcp: [l4Route], tls: [l4Route], exportTo: leaf };

function walk(value: unknown, shape: Shape | readonly [Shape] | 'map' | 'leaf', path: string, out: Finding[]): void {
  if (shape === 'leaf' || value === null || typeof value !== 'object') return;
  if (shape === 'map') {
    for (const [k, v] of Object.entries(value)) walk(v, stringMatch, keyPath(path, k), out);
    return;
  }
  if (Array.isArray(shape)) {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, shape[0] as Shape, `${path}[${i}]`, out));
    return;
  }
  if (Array.isArray(value)) return;
  const known = shape as Shape;
  for (const [k, v] of Object.entries(value)) {
    const at = keyPath(path, k);
    const sub = known[k];
    if (sub === undefined)
      out.push(
        warning(
          at,
          'field_unknown',
          `Istio's VirtualService has no field "${k}" here (a typo? the API server would drop it)`,
        ),
      );
    else walk(v, sub, at, out);
  }
}

/** Warnings for fields of a VirtualService's spec that Istio's schema does not define. Never throws. */
export function unknownVirtualServiceFields(object: unknown): Finding[] {
  const o = object as { kind?: unknown; spec?: unknown } | null;
  if (!o || typeof o !== 'object' || o.kind !== 'VirtualService') return [];
  const out: Finding[] = [];
  walk(o.spec, spec, 'spec', out);
  return out;
}
