import type { HTTPMatchRequest, StringMatch, VirtualService } from '../resources/istio';
import type { MeshSnapshot } from '../resources/snapshot';
import { faultSummary } from '../routing/fault';
import { hostMatches, resolveHost } from '../routing/host';
import { resolveRoute } from '../routing/resolve';
import type { RouteDecision, RoutingRequest } from '../routing/types';
import type { BaseRequest } from './entry-request';
import { podShares } from './pods';

/*
 * Request classes: the requests of one call that every config in play treats alike. Each match block
 * of a VirtualService for the host (current or candidate) gives a representative request (a path,
 * headers, a method that satisfy it), plus one plain request; representatives the current and the
 * candidate config both route the same way are one class. A class's share of the call is what the
 * metrics cannot say directly: it is inferred from where the current config sent the call's requests
 * (./infer-shares), or given by the user.
 */

export interface RequestClass {
  /** Stable key a user's share refers to: host plus the match that defines the class. */
  key: string;
  /** For people: "reviews.bookinfo: header end-user = jason". */
  description: string;
  request: RoutingRequest;
  current: RouteDecision;
  candidate: RouteDecision;
  /** The class is the plain request (no match block needed to reach it). */
  plain: boolean;
}

/** A value that satisfies a StringMatch, or undefined for regexes (no representative can be made up). */
function valueFor(m: StringMatch | undefined): string | undefined | null {
  if (!m) return null;
  if (m.exact !== undefined) return m.exact;
  if (m.prefix !== undefined) return m.prefix;
  if (m.regex !== undefined) return undefined;
  return 'present';
}

function describeMatch(m: HTTPMatchRequest): string {
  const parts: string[] = [];
  const str = (s: StringMatch) =>
    s.exact !== undefined ? `= ${s.exact}` : s.prefix !== undefined ? `starts with ${s.prefix}` : `~ ${s.regex ?? ''}`;
  if (m.uri) parts.push(`path ${str(m.uri)}`);
  if (m.method) parts.push(`method ${str(m.method)}`);
  for (const [k, v] of Object.entries(m.headers ?? {})) parts.push(`header ${k} ${str(v)}`);
  for (const [k, v] of Object.entries(m.queryParams ?? {})) parts.push(`query ${k} ${str(v)}`);
  for (const k of Object.keys(m.withoutHeaders ?? {})) parts.push(`without header ${k}`);
  return parts.join(', ');
}

/** A request satisfying the block's request-side conditions (source-side ones are the call's own). */
function representative(base: BaseRequest, m: HTTPMatchRequest): RoutingRequest | undefined {
  const path = valueFor(m.uri);
  const method = valueFor(m.method);
  if (path === undefined || method === undefined) return undefined;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    const value = valueFor(v);
    if (value === undefined || value === null) return undefined;
    headers[k.toLowerCase()] = value;
  }
  const query: string[] = [];
  for (const [k, v] of Object.entries(m.queryParams ?? {})) {
    const value = valueFor(v);
    if (value === undefined || value === null) return undefined;
    query.push(`${encodeURIComponent(k)}=${encodeURIComponent(value)}`);
  }
  const p = path ?? '/';
  return {
    ...base,
    path: query.length > 0 ? `${p}?${query.join('&')}` : p,
    ...(method === null ? {} : { method }),
    headers,
  };
}

function virtualServicesFor(config: MeshSnapshot, host: string, namespace: string): VirtualService[] {
  const fqdn = resolveHost(host, namespace);
  return config.virtualServices.filter((vs) =>
    (vs.spec.hosts ?? []).some((h) => hostMatches(resolveHost(h, vs.metadata.namespace ?? 'default'), fqdn)),
  );
}

/** What tells two decisions apart for traffic: the route taken and everything on it. */
export function decisionKey(d: RouteDecision): string {
  return JSON.stringify([
    d.virtualService,
    d.routeKind,
    d.routeIndex,
    d.noRoute ?? false,
    d.destinations,
    d.mirrors,
    d.redirect ?? null,
    d.directResponse ?? null,
    d.fault ?? null,
    d.timeoutMs ?? null,
    d.retries ?? null,
  ]);
}

/**
 * The config as far as one host is concerned: its VirtualServices, plus those without hosts (delegates
 * are looked up by name). resolveRoute would skip the others anyway; on a large mesh, scanning them
 * for every representative request is most of a preview's time.
 */
function scopedTo(config: MeshSnapshot, host: string, namespace: string): MeshSnapshot {
  const forHost = new Set(virtualServicesFor(config, host, namespace));
  return {
    ...config,
    virtualServices: config.virtualServices.filter((vs) => forHost.has(vs) || (vs.spec.hosts ?? []).length === 0),
  };
}

export function requestClasses(
  base: BaseRequest,
  currentConfig: MeshSnapshot,
  candidateConfig: MeshSnapshot,
): RequestClass[] {
  const current = scopedTo(currentConfig, base.host, base.namespace);
  const candidate = scopedTo(candidateConfig, base.host, base.namespace);
  const plainRequest: RoutingRequest = { ...base, path: '/', method: 'GET', headers: {} };
  const reps: { request: RoutingRequest; description: string; plain: boolean }[] = [
    { request: plainRequest, description: 'other requests', plain: true },
  ];
  if (base.protocol !== 'tcp' && base.protocol !== 'tls') {
    const seen = new Set<string>();
    for (const config of [current, candidate]) {
      for (const vs of virtualServicesFor(config, base.host, base.namespace)) {
        for (const route of vs.spec.http ?? []) {
          for (const m of route.match ?? []) {
            const request = representative(base, m);
            const description = describeMatch(m);
            if (!request || description === '' || seen.has(description)) continue;
            seen.add(description);
            reps.push({ request, description, plain: false });
          }
        }
      }
    }
  }
  const host = resolveHost(base.host, base.namespace).replace(/\.svc\.cluster\.local$/, '');
  const byBehaviour = new Map<string, RequestClass>();
  for (const rep of reps) {
    const cur = resolveRoute(current, rep.request);
    const cand = resolveRoute(candidate, rep.request);
    const behaviour = `${decisionKey(cur)}\n${decisionKey(cand)}`;
    if (byBehaviour.has(behaviour)) continue;
    byBehaviour.set(behaviour, {
      key: `${host}: ${rep.description}`,
      description: `requests to ${host}${rep.plain ? ' matching no other route' : ` with ${rep.description}`}`,
      request: rep.request,
      current: cur,
      candidate: cand,
      plain: rep.plain,
    });
  }
  return [...byBehaviour.values()];
}

/**
 * Where a decision sends requests, as outcome keys the observed mix uses: "w:ns/workload" (pods share
 * by replicas, as Envoy's load balancing does), or "r:<code>" for what the caller's sidecar answers.
 */
export function outcomeVector(snapshot: MeshSnapshot, d: RouteDecision): Map<string, number> {
  const out = new Map<string, number>();
  const add = (k: string, v: number) => v > 0 && out.set(k, (out.get(k) ?? 0) + v);
  if (d.redirect) return new Map([[`r:${d.redirect.redirectCode ?? 301}`, 1]]);
  if (d.directResponse) return new Map([[`r:${d.directResponse.status}`, 1]]);
  if (d.noRoute || d.destinations.length === 0) return new Map([['r:404', 1]]);
  const abort = faultSummary(d.fault).abort;
  const aborted = (abort?.percent ?? 0) / 100;
  if (abort) add(`r:${abort.httpStatus ?? 503}`, aborted);
  const total = d.destinations.reduce((a, t) => a + t.weight, 0) || 1;
  for (const t of d.destinations) {
    const share = ((1 - aborted) * t.weight) / total;
    const pods = podShares(snapshot, t.destination);
    if (pods.length === 0) add('r:503', share);
    else for (const [w, q] of pods) add(`w:${w}`, share * q);
  }
  return out;
}
