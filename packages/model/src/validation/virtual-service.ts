import type { VirtualService } from '../resources/istio';
import type { MeshSnapshot } from '../resources/snapshot';
import type { Finding } from './finding';
import { error } from './codes';
import { checkDestinations } from './destinations';
import { checkHttpRoute } from './http-route';
import { checkUnreachable, checkVirtualServiceAgainstMesh } from './virtual-service-mesh';

/**
 * Findings for one VirtualService: istiod's field rules, and with `ctx` the cross-object checks
 * (subsets, hosts, gateways, overlapping VirtualServices). Never throws.
 */
export function validateVirtualService(vs: VirtualService, ctx?: MeshSnapshot): Finding[] {
  const findings = [...checkHosts(vs), ...checkRoutes(vs), ...checkUnreachable(vs)];
  if (ctx) findings.push(...checkVirtualServiceAgainstMesh(vs, ctx));
  return findings;
}

function checkHosts(vs: VirtualService): Finding[] {
  const hosts = vs.spec.hosts ?? [];
  // istiod allows no hosts only on a delegate VirtualService, which sits under another one's route.
  if (hosts.length === 0) return [error('spec.hosts', 'hosts_missing', 'a VirtualService needs at least one host')];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  hosts.forEach((h, i) => {
    const key = h.trim().toLowerCase();
    if (key === '') findings.push(error(`spec.hosts[${i}]`, 'host_empty', 'host must not be empty'));
    else if (seen.has(key)) findings.push(error(`spec.hosts[${i}]`, 'host_duplicate', `host "${h}" is listed twice`));
    seen.add(key);
  });
  return findings;
}

function checkRoutes(vs: VirtualService): Finding[] {
  const findings: Finding[] = [];
  const { http, tcp, tls } = vs.spec;
  // istiod: "http, tcp or tls must be provided in virtual service" (a delegate has no hosts but routes).
  if (!http?.length && !tcp?.length && !tls?.length)
    findings.push(error('spec', 'routes_missing', 'a VirtualService needs at least one http, tcp or tls route'));
  const names = new Set<string>();
  (vs.spec.http ?? []).forEach((route, i) => {
    findings.push(...checkHttpRoute(route, `spec.http[${i}]`));
    if (route.name === undefined || route.name === '') return;
    if (names.has(route.name))
      findings.push(error(`spec.http[${i}].name`, 'route_name_duplicate', `route name "${route.name}" is used twice`));
    names.add(route.name);
  });
  for (const kind of ['tcp', 'tls'] as const) {
    (vs.spec[kind] ?? []).forEach((route, i) => {
      const path = `spec.${kind}[${i}]`;
      if (!route.route || route.route.length === 0)
        findings.push(error(`${path}.route`, 'tcp_route_missing', `a ${kind} route needs at least one destination`));
      findings.push(...checkDestinations(route.route, `${path}.route`));
    });
  }
  return findings;
}
