import type { KubeGRPCRoute, KubeHTTPRoute, KubeRoute, KubeTCPRoute, ParentRef } from '../resources/gateway-api';
import { gepDurationMs } from '../resources/duration';
import { nsOf } from '../resources/kube';
import type { MeshSnapshot } from '../resources/snapshot';
import { candidateVirtualServices } from '../routing/select-virtual-service';
import { serviceHost } from '../routing/snapshot-index';
import type { Finding } from './finding';
import { error, warning } from './codes';
import {
  MAX_MATCHES,
  MAX_RULES,
  backendRefFindings,
  filterFindings,
  hostnameFindings,
  isServiceRef,
  nameValueMatchFindings,
  validRegex,
} from './gateway-api-fields';

/*
 * Validation of Gateway API routes: the CRD's rules (what the API server would answer 422 to) as
 * errors, and the cross-object problems Istio reports in the route's status (a parent or backend
 * that does not exist, a mesh route that hides a VirtualService) as warnings.
 */

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);
const HTTP_FILTERS = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestRedirect',
  'URLRewrite',
  'RequestMirror',
  'ExtensionRef',
];
const GRPC_FILTERS = ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestMirror', 'ExtensionRef'];

function pathFindings(path: { type?: string | undefined; value?: string | undefined }, at: string): Finding[] {
  const type = path.type ?? 'PathPrefix';
  const value = path.value ?? '/';
  if (type === 'RegularExpression')
    return validRegex(value)
      ? []
      : [error(`${at}.value`, 'route_path_invalid', `"${value}" is not a valid regular expression`)];
  if (type !== 'Exact' && type !== 'PathPrefix')
    return [error(`${at}.type`, 'route_path_invalid', 'path type must be Exact, PathPrefix or RegularExpression')];
  if (!value.startsWith('/'))
    return [error(`${at}.value`, 'route_path_invalid', `path "${value}" must start with "/"`)];
  if (/\/\/|\/\.\.?(\/|$)|[#?]/.test(value) || value.length > 1024)
    return [
      error(`${at}.value`, 'route_path_invalid', `path "${value}" may not contain "//", "/./", "/../", "#" or "?"`),
    ];
  return [];
}

/** A parentRef names a Gateway unless it says kind Service in the core group (GAMMA). */
const isServiceParent = (p: ParentRef) => (p.group ?? 'gateway.networking.k8s.io') === '' && p.kind === 'Service';
const hasService = (ctx: MeshSnapshot, namespace: string, name: string) =>
  ctx.services.some((s) => s.metadata.name === name && nsOf(s) === namespace);

function parentFindings(route: KubeRoute, ctx: MeshSnapshot | undefined): Finding[] {
  const parents = route.spec.parentRefs ?? [];
  if (parents.length === 0)
    return [
      warning('spec.parentRefs', 'route_parent_missing', 'no parentRefs: the route attaches to no Gateway or Service'),
    ];
  if (!ctx) return [];
  const ns = nsOf(route);
  return parents.flatMap((p, i) => {
    const namespace = p.namespace ?? ns;
    const found = isServiceParent(p)
      ? hasService(ctx, namespace, p.name)
      : (ctx.kubeGateways ?? []).some((g) => g.metadata.name === p.name && nsOf(g) === namespace);
    return found
      ? []
      : [
          warning(
            `spec.parentRefs[${i}]`,
            'parent_not_found',
            `${isServiceParent(p) ? 'Service' : 'Gateway'} ${namespace}/${p.name} does not exist: the route is not attached there`,
          ),
        ];
  });
}

function backendsExist(
  rules: readonly {
    backendRefs?:
      | { name: string; namespace?: string | undefined; group?: string | undefined; kind?: string | undefined }[]
      | undefined;
  }[],
  route: KubeRoute,
  ctx: MeshSnapshot | undefined,
): Finding[] {
  if (!ctx) return [];
  const ns = nsOf(route);
  return rules.flatMap((rule, r) =>
    (rule.backendRefs ?? []).flatMap((ref, i) =>
      isServiceRef(ref) && !hasService(ctx, ref.namespace ?? ns, ref.name)
        ? [
            warning(
              `spec.rules[${r}].backendRefs[${i}].name`,
              'backend_not_found',
              `Service ${ref.namespace ?? ns}/${ref.name} does not exist: requests picking it get 500`,
            ),
          ]
        : [],
    ),
  );
}

/**
 * A GAMMA route (parentRef a Service) takes the Service's mesh traffic away from any VirtualService
 * for the same host (decision 0071): say so, or the VirtualService's weights look live.
 */
function overriddenVirtualServices(route: KubeRoute, ctx: MeshSnapshot | undefined): Finding[] {
  if (!ctx) return [];
  const ns = nsOf(route);
  return (route.spec.parentRefs ?? []).flatMap((p: ParentRef, i) => {
    if (!isServiceParent(p)) return [];
    const service = ctx.services.find((s) => s.metadata.name === p.name && nsOf(s) === (p.namespace ?? ns));
    if (!service) return [];
    const hidden = candidateVirtualServices(ctx.virtualServices, serviceHost(service), 'mesh', ns);
    return hidden.map((c) =>
      warning(
        `spec.parentRefs[${i}]`,
        'route_overrides_virtual_service',
        `mesh traffic to ${service.metadata.name} follows this route; VirtualService ${c.namespace}/${c.vs.metadata.name} no longer applies to it`,
      ),
    );
  });
}

function rulesCount(count: number): Finding[] {
  return count > MAX_RULES ? [error('spec.rules', 'route_too_many', `at most ${MAX_RULES} rules, got ${count}`)] : [];
}

export function validateHttpRoute(route: KubeHTTPRoute, ctx?: MeshSnapshot): Finding[] {
  const rules = route.spec.rules ?? [];
  const findings = [...hostnameFindings(route.spec.hostnames), ...rulesCount(rules.length)];
  rules.forEach((rule, r) => {
    const at = `spec.rules[${r}]`;
    const matches = rule.matches ?? [];
    if (matches.length > MAX_MATCHES)
      findings.push(error(`${at}.matches`, 'route_too_many', `at most ${MAX_MATCHES} matches per rule`));
    matches.forEach((m, i) => {
      const mp = `${at}.matches[${i}]`;
      if (m.path) findings.push(...pathFindings(m.path, `${mp}.path`));
      findings.push(...nameValueMatchFindings(m.headers, `${mp}.headers`, 'header'));
      findings.push(...nameValueMatchFindings(m.queryParams, `${mp}.queryParams`, 'query parameter'));
      if (m.method !== undefined && !METHODS.has(m.method))
        findings.push(
          error(
            `${mp}.method`,
            'route_method_invalid',
            `method "${m.method}" is not one of ${[...METHODS].join(', ')}`,
          ),
        );
    });
    const prefixOnly = matches.length > 0 && matches.every((m) => (m.path?.type ?? 'PathPrefix') === 'PathPrefix');
    findings.push(...filterFindings(rule.filters, `${at}.filters`, HTTP_FILTERS, prefixOnly || matches.length === 0));
    if ((rule.filters ?? []).some((f) => f.type === 'RequestRedirect') && (rule.backendRefs ?? []).length > 0)
      findings.push(
        error(`${at}.backendRefs`, 'redirect_with_backends', 'a rule with a RequestRedirect filter has no backendRefs'),
      );
    findings.push(...backendRefFindings(rule.backendRefs, `${at}.backendRefs`));
    (rule.backendRefs ?? []).forEach((b, i) =>
      findings.push(...filterFindings(b.filters, `${at}.backendRefs[${i}].filters`, HTTP_FILTERS, prefixOnly)),
    );
    const { request, backendRequest } = rule.timeouts ?? {};
    const requestMs = request === undefined ? undefined : gepDurationMs(request);
    const backendMs = backendRequest === undefined ? undefined : gepDurationMs(backendRequest);
    if (request !== undefined && requestMs === undefined)
      findings.push(
        error(`${at}.timeouts.request`, 'duration_invalid', `"${request}" is not a duration such as 1s, 500ms, 1m30s`),
      );
    if (backendRequest !== undefined && backendMs === undefined)
      findings.push(
        error(
          `${at}.timeouts.backendRequest`,
          'duration_invalid',
          `"${backendRequest}" is not a duration such as 1s, 500ms`,
        ),
      );
    if (requestMs !== undefined && backendMs !== undefined && requestMs !== 0 && backendMs > requestMs)
      findings.push(
        error(
          `${at}.timeouts.backendRequest`,
          'timeout_backend_exceeds_request',
          'backendRequest may not exceed request',
        ),
      );
  });
  return [
    ...findings,
    ...parentFindings(route, ctx),
    ...backendsExist(rules, route, ctx),
    ...overriddenVirtualServices(route, ctx),
  ];
}

export function validateGrpcRoute(route: KubeGRPCRoute, ctx?: MeshSnapshot): Finding[] {
  const rules = route.spec.rules ?? [];
  const findings = [...hostnameFindings(route.spec.hostnames), ...rulesCount(rules.length)];
  rules.forEach((rule, r) => {
    const at = `spec.rules[${r}]`;
    (rule.matches ?? []).forEach((m, i) => {
      const mp = `${at}.matches[${i}]`;
      const method = m.method;
      if (method) {
        const type = method.type ?? 'Exact';
        if (type !== 'Exact' && type !== 'RegularExpression')
          findings.push(
            error(`${mp}.method.type`, 'grpc_method_match_invalid', 'type must be Exact or RegularExpression'),
          );
        if (method.service === undefined && method.method === undefined)
          findings.push(error(`${mp}.method`, 'grpc_method_match_invalid', 'set service, method or both'));
      }
      findings.push(...nameValueMatchFindings(m.headers, `${mp}.headers`, 'header'));
    });
    findings.push(...filterFindings(rule.filters, `${at}.filters`, GRPC_FILTERS, false));
    findings.push(...backendRefFindings(rule.backendRefs, `${at}.backendRefs`));
  });
  return [
    ...findings,
    ...parentFindings(route, ctx),
    ...backendsExist(rules, route, ctx),
    ...overriddenVirtualServices(route, ctx),
  ];
}

export function validateTcpRoute(route: KubeTCPRoute, ctx?: MeshSnapshot): Finding[] {
  const rules = route.spec.rules ?? [];
  const findings = rulesCount(rules.length);
  if (rules.length === 0) findings.push(error('spec.rules', 'route_too_many', 'a TCPRoute needs at least one rule'));
  rules.forEach((rule, r) => {
    const at = `spec.rules[${r}]`;
    if ((rule.backendRefs ?? []).length === 0)
      findings.push(error(`${at}.backendRefs`, 'route_too_many', 'a TCPRoute rule needs at least one backendRef'));
    findings.push(...backendRefFindings(rule.backendRefs, `${at}.backendRefs`));
  });
  return [...findings, ...parentFindings(route, ctx), ...backendsExist(rules, route, ctx)];
}
