import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseManifests, snapshotFromManifests } from '../fixtures/manifests';
import type { KubeHTTPRoute, KubeTCPRoute } from '../resources/gateway-api';
import { validateHttpRoute, validateTcpRoute } from './gateway-api-route';
import { validateObject } from './validate-object';

/* The Gateway API CRD rules a write must meet (else the apiserver answers 422), and Istio's status problems. */

const mesh = snapshotFromManifests(
  parseManifests(readFileSync(new URL('../../fixtures/scenarios/gateway-api.yaml', import.meta.url), 'utf8')),
);
const echo = (mesh.httpRoutes ?? []).find((r) => r.metadata.name === 'echo') as KubeHTTPRoute;
const withRule = (rule: NonNullable<KubeHTTPRoute['spec']['rules']>[number]): KubeHTTPRoute => ({
  ...echo,
  spec: { ...echo.spec, rules: [rule] },
});
const codes = (findings: { path: string; code: string }[]) => findings.map((f) => `${f.path} ${f.code}`);

describe('validateHttpRoute', () => {
  it('the scenario routes are valid against the scenario', () => {
    for (const route of mesh.httpRoutes ?? []) expect(validateHttpRoute(route, mesh)).toEqual([]);
  });

  it('weights are integers 0..1,000,000 and a Service backendRef needs a port', () => {
    const route = withRule({
      backendRefs: [
        { name: 'echo-v1', port: 8080, weight: -1 },
        { name: 'echo-v2', weight: 1_000_001 },
        { name: 'echo-v2', port: 8080, weight: 1.5 },
      ],
    });
    expect(codes(validateHttpRoute(route))).toEqual([
      'spec.rules[0].backendRefs[0].weight backend_weight_range',
      'spec.rules[0].backendRefs[1].weight backend_weight_range',
      'spec.rules[0].backendRefs[1].port backend_port_missing',
      'spec.rules[0].backendRefs[2].weight backend_weight_range',
    ]);
  });

  it('all-zero weights are allowed by the spec but warned about (every matching request gets 500)', () => {
    const findings = validateHttpRoute(
      withRule({
        backendRefs: [
          { name: 'echo-v1', port: 8080, weight: 0 },
          { name: 'echo-v2', port: 8080, weight: 0 },
        ],
      }),
    );
    expect(findings).toEqual([expect.objectContaining({ code: 'weights_all_zero', severity: 'warning' })]);
  });

  it('matches: paths start with "/" and have no "//"; methods and header names are checked; no header twice', () => {
    const route = withRule({
      matches: [
        { path: { type: 'PathPrefix', value: 'api' } },
        { path: { type: 'Exact', value: '/a//b' } },
        { path: { type: 'Glob', value: '/x' } },
        { method: 'FETCH', headers: [{ name: 'bad name', value: 'x' }] },
        {
          headers: [
            { name: 'X-A', value: '1' },
            { name: 'x-a', value: '2' },
          ],
        },
      ],
      backendRefs: [{ name: 'echo-v1', port: 8080 }],
    });
    expect(codes(validateHttpRoute(route))).toEqual([
      'spec.rules[0].matches[0].path.value route_path_invalid',
      'spec.rules[0].matches[1].path.value route_path_invalid',
      'spec.rules[0].matches[2].path.type route_path_invalid',
      'spec.rules[0].matches[3].headers[0].name route_header_match_invalid',
      'spec.rules[0].matches[3].method route_method_invalid',
      'spec.rules[0].matches[4].headers[1].name route_header_match_invalid',
    ]);
  });

  it('filters: config matches the type, redirect and rewrite exclude each other, redirect has no backends', () => {
    const route = withRule({
      matches: [{ path: { type: 'Exact', value: '/x' } }],
      filters: [
        { type: 'RequestRedirect', requestRedirect: { statusCode: 307 } },
        { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } },
        { type: 'RequestHeaderModifier', urlRewrite: {} },
        { type: 'RequestMirror', requestMirror: { backendRef: { name: 'echo-v2' }, percent: 150 } },
      ],
      backendRefs: [{ name: 'echo-v1', port: 8080 }],
    });
    expect(codes(validateHttpRoute(route))).toEqual([
      'spec.rules[0].filters[0].requestRedirect.statusCode redirect_status_invalid',
      'spec.rules[0].filters[1].urlRewrite.path path_modifier_invalid',
      'spec.rules[0].filters[2] filter_config_mismatch',
      'spec.rules[0].filters[3].requestMirror.percent mirror_percentage_range',
      'spec.rules[0].filters[3].requestMirror.backendRef.port backend_port_missing',
      'spec.rules[0].filters filter_redirect_with_rewrite',
      'spec.rules[0].backendRefs redirect_with_backends',
    ]);
  });

  it('with the mesh: a missing parent Gateway or backend Service is a warning', () => {
    const route: KubeHTTPRoute = {
      ...echo,
      spec: { parentRefs: [{ name: 'nope' }], rules: [{ backendRefs: [{ name: 'ghost', port: 80 }] }] },
    };
    expect(validateHttpRoute(route, mesh).map((f) => [f.code, f.severity])).toEqual([
      ['parent_not_found', 'warning'],
      ['backend_not_found', 'warning'],
    ]);
  });

  it('a GAMMA route warns that it takes mesh traffic from a VirtualService for the same Service', () => {
    const vs = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService' as const,
      metadata: { name: 'echo', namespace: 'gateway-api' },
      spec: { hosts: ['echo'], http: [{ route: [{ destination: { host: 'echo' } }] }] },
    };
    const gamma = (mesh.httpRoutes ?? []).find((r) => r.metadata.name === 'echo-mesh') as KubeHTTPRoute;
    expect(validateHttpRoute(gamma, { ...mesh, virtualServices: [vs] }).map((f) => f.code)).toEqual([
      'route_overrides_virtual_service',
    ]);
  });

  it('validateObject reads Gateway API objects by their own apiVersions', () => {
    expect(validateObject({ ...echo, apiVersion: 'networking.istio.io/v1' })[0]?.code).toBe('api_version_unsupported');
    expect(validateObject(echo, mesh)).toEqual([]);
  });
});

describe('validateTcpRoute', () => {
  it('needs a rule with a backendRef', () => {
    const route: KubeTCPRoute = {
      apiVersion: 'gateway.networking.k8s.io/v1alpha2',
      kind: 'TCPRoute',
      metadata: { name: 't', namespace: 'gateway-api' },
      spec: { parentRefs: [{ name: 'echo-gateway' }], rules: [{ backendRefs: [] }] },
    };
    expect(codes(validateTcpRoute(route))).toEqual(['spec.rules[0].backendRefs route_too_many']);
  });
});
