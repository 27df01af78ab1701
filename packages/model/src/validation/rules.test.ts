import { describe, expect, it } from 'vitest';
import type { DestinationRule, Gateway, HTTPRoute, VirtualService } from '../resources/istio';
import { loadScenarioSnapshot } from '../fixtures/test-scenarios';
import { validateDestinationRule } from './destination-rule';
import { validateGateway } from './gateway';
import { parseIstioObject } from './parse';
import { validateVirtualService } from './virtual-service';

const snapshot = loadScenarioSnapshot();
const vs = (http: HTTPRoute[], extra: Partial<VirtualService['spec']> = {}, namespace = 'demoapp'): VirtualService => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'test', namespace },
  spec: { hosts: ['demoapp'], http, ...extra },
});
const to = (subset: string, weight?: number) => ({
  destination: { host: 'demoapp', subset },
  ...(weight === undefined ? {} : { weight }),
});
const codes = (findings: { code: string; path: string }[]) => findings.map((f) => `${f.code} ${f.path}`);

describe('http route field rules', () => {
  it('needs exactly one action', () => {
    expect(codes(validateVirtualService(vs([{ name: 'a' }])))).toContain('route_action_missing spec.http[0]');
    const both = vs([{ route: [to('v10')], redirect: { uri: '/' } }]);
    expect(codes(validateVirtualService(both))).toContain('route_action_multiple spec.http[0].redirect');
  });
  it('refuses redirect with rewrite', () => {
    expect(codes(validateVirtualService(vs([{ redirect: { uri: '/' }, rewrite: { uri: '/' } }])))).toContain(
      'redirect_with_rewrite spec.http[0].rewrite',
    );
  });
  it('refuses all-zero weights with several destinations, but not with one', () => {
    expect(codes(validateVirtualService(vs([{ route: [to('v10', 0), to('v11', 0)] }])))).toContain(
      'weights_all_zero spec.http[0].route',
    );
    expect(codes(validateVirtualService(vs([{ route: [to('v10'), to('v11')] }])))).toContain(
      'weights_all_zero spec.http[0].route',
    );
    expect(validateVirtualService(vs([{ route: [to('v10', 0)] }]))).toEqual([]);
    expect(validateVirtualService(vs([{ route: [to('v10', 100), to('v11')] }]))).toEqual([]);
  });
  it('flags fractional weights and notes sums other than 100', () => {
    expect(codes(validateVirtualService(vs([{ route: [to('v10', 50.5), to('v11', 49.5)] }])))).toContain(
      'weight_not_integer spec.http[0].route[0].weight',
    );
    const f = validateVirtualService(vs([{ route: [to('v10', 1), to('v11', 1)] }]));
    expect(f).toEqual([expect.objectContaining({ code: 'weights_sum_not_100', severity: 'info' })]);
  });
  it('accepts fault percentage 0, 0.0001 and 100; refuses above 100', () => {
    for (const value of [0, 0.0001, 100]) {
      expect(
        validateVirtualService(
          vs([{ route: [to('v10')], fault: { abort: { httpStatus: 503, percentage: { value } } } }]),
        ),
      ).toEqual([]);
    }
    expect(
      codes(
        validateVirtualService(
          vs([{ route: [to('v10')], fault: { delay: { fixedDelay: '1s', percentage: { value: 101 } } } }]),
        ),
      ),
    ).toContain('fault_percentage_range spec.http[0].fault.delay.percentage.value');
  });
  it('warns when a fault percentage is implicit and refuses an empty fault', () => {
    const f = validateVirtualService(vs([{ route: [to('v10')], fault: { abort: { httpStatus: 503 } } }]));
    expect(f).toEqual([
      expect.objectContaining({
        code: 'fault_percentage_implicit',
        severity: 'warning',
        path: 'spec.http[0].fault.abort.percentage',
      }),
    ]);
    expect(codes(validateVirtualService(vs([{ route: [to('v10')], fault: {} }])))).toContain(
      'fault_empty spec.http[0].fault',
    );
  });
  it('checks abort status bounds 200..599', () => {
    const at = (httpStatus: number) =>
      validateVirtualService(vs([{ route: [to('v10')], fault: { abort: { httpStatus, percentage: { value: 1 } } } }]));
    expect(at(200)).toEqual([]);
    expect(at(599)).toEqual([]);
    expect(codes(at(199))).toContain('abort_http_status_range spec.http[0].fault.abort.httpStatus');
  });
  it('checks mirror percentages', () => {
    const f = validateVirtualService(
      vs([{ route: [to('v10')], mirror: { host: 'demoapp', subset: 'v11' }, mirrorPercentage: { value: 150 } }]),
    );
    expect(codes(f)).toEqual(['mirror_percentage_range spec.http[0].mirrorPercentage.value']);
  });
  it('checks retries', () => {
    const f = validateVirtualService(
      vs([{ route: [to('v10')], retries: { attempts: -1, retryOn: '5xx,gateway-error,503,sometimes' } }]),
    );
    expect(codes(f)).toEqual([
      'retries_attempts_negative spec.http[0].retries.attempts',
      'retry_on_invalid spec.http[0].retries.retryOn',
    ]);
    expect(f[1]?.message).toContain('"sometimes"');
    const ok = validateVirtualService(
      vs([
        {
          route: [to('v10')],
          retries: {
            attempts: 3,
            perTryTimeout: '2s',
            retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-4xx',
          },
        },
      ]),
    );
    expect(ok).toEqual([]);
  });
  it('needs exactly one of exact/prefix/regex, allowing {} for header presence', () => {
    const f = validateVirtualService(
      vs([
        {
          match: [{ uri: { exact: '/a', prefix: '/a' }, headers: { 'x-a': {}, 'x-b': { exact: 'y', regex: 'z' } } }],
          route: [to('v11')],
        },
        { route: [to('v10')] },
      ]),
    );
    expect(codes(f)).toEqual([
      'string_match_invalid spec.http[0].match[0].uri',
      'string_match_invalid spec.http[0].match[0].headers.x-b',
    ]);
  });
  it('refuses duplicate route names and missing hosts', () => {
    const f = validateVirtualService(
      vs(
        [
          { name: 'a', match: [{ uri: { prefix: '/x' } }], route: [to('v10')] },
          { name: 'a', route: [to('v11')] },
        ],
        { hosts: [] },
      ),
    );
    expect(codes(f)).toEqual(['hosts_missing spec.hosts', 'route_name_duplicate spec.http[1].name']);
  });
  it('warns about routes after a route that matches everything', () => {
    const f = validateVirtualService(
      vs([{ route: [to('v10')] }, { match: [{ uri: { prefix: '/canary' } }], route: [to('v11')] }]),
    );
    expect(f).toEqual([
      expect.objectContaining({ code: 'route_unreachable', path: 'spec.http[1]', severity: 'warning' }),
    ]);
    const rootPrefix = validateVirtualService(
      vs([{ match: [{ uri: { prefix: '/' } }], route: [to('v10')] }, { route: [to('v11')] }]),
    );
    expect(codes(rootPrefix)).toEqual(['route_unreachable spec.http[1]']);
  });
  it('checks tcp routes', () => {
    const f = validateVirtualService(vs([], { tcp: [{ route: [] }, { route: [to('v1', -1)] }] }));
    expect(codes(f)).toContain('tcp_route_missing spec.tcp[0].route');
    expect(codes(f)).toContain('weight_negative spec.tcp[1].route[0].weight');
  });
});

describe('cross-object checks', () => {
  it('warns on unknown hosts, resolving short names in the VirtualService namespace', () => {
    // hosts: ['demoapp'] also collides with demoapp/demoapp; that finding is asserted below.
    const f = validateVirtualService(vs([{ route: [{ destination: { host: 'reviews' } }] }]), snapshot);
    expect(f).toContainEqual(
      expect.objectContaining({
        code: 'host_unknown',
        path: 'spec.http[0].route[0].destination.host',
        severity: 'warning',
      }),
    );
    expect(f[0]?.message).toContain('reviews.demoapp.svc.cluster.local');
    const fqdn = validateVirtualService(
      vs([{ route: [{ destination: { host: 'reviews.bookinfo.svc.cluster.local', subset: 'v2' } }] }]),
      snapshot,
    );
    expect(codes(fqdn)).toEqual(['host_multiple_virtual_services spec.hosts[0]']);
  });
  it('errors on a missing gateway and warns when the gateway does not serve the host', () => {
    const f = validateVirtualService(
      vs([{ route: [to('v10')] }], { hosts: ['other.example.com'], gateways: ['nope', 'istio-system/proxy-gateway'] }),
      snapshot,
    );
    expect(codes(f)).toEqual(['gateway_not_found spec.gateways[0]', 'gateway_host_mismatch spec.hosts[0]']);
  });
  it('warns when another VirtualService routes the same host in the same scope only', () => {
    const f = validateVirtualService(
      { ...vs([{ route: [to('v10')] }]), metadata: { name: 'second', namespace: 'demoapp' } },
      snapshot,
    );
    expect(f).toEqual([
      expect.objectContaining({
        code: 'host_multiple_virtual_services',
        path: 'spec.hosts[0]',
        message: expect.stringContaining('demoapp/demoapp'),
      }),
    ]);
    const gatewayOnly = validateVirtualService(
      {
        ...vs([{ route: [to('v10')] }], { hosts: ['fe.toptops.top'], gateways: ['istio-system/proxy-gateway'] }),
        metadata: { name: 'x', namespace: 'front-tomcat' },
      },
      snapshot,
    );
    // In front-tomcat, "demoapp" names a Service that does not exist there, so its subset cannot either.
    expect(codes(gatewayOnly)).toEqual([
      'host_unknown spec.http[0].route[0].destination.host',
      'subset_not_found spec.http[0].route[0].destination.subset',
      'host_multiple_virtual_services spec.hosts[0]',
    ]);
  });
});

describe('DestinationRule and Gateway', () => {
  const dr = (subsets: DestinationRule['spec']['subsets'], host = 'data-product'): DestinationRule => ({
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'data-product', namespace: 'data-product' },
    spec: { host, subsets },
  });
  it('needs DNS-1123 subset names, once each', () => {
    const f = validateDestinationRule(
      dr([{ name: 'v3.0', labels: { version: 'v3.0' } }, { name: 'v4', labels: { version: 'v4.0' } }, { name: 'v4' }]),
    );
    expect(codes(f)).toEqual([
      'subset_name_invalid spec.subsets[0].name',
      'subset_name_duplicate spec.subsets[2].name',
    ]);
  });
  it('warns when a subset selects no workload or the host is unknown', () => {
    expect(codes(validateDestinationRule(dr([{ name: 'v5', labels: { version: 'v5.0' } }]), snapshot))).toEqual([
      'subset_selects_nothing spec.subsets[0].labels',
    ]);
    expect(codes(validateDestinationRule(dr([], 'nothing-here'), snapshot))).toEqual(['host_unknown spec.host']);
  });
  it('checks Gateway servers and selector', () => {
    const gw: Gateway = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'g', namespace: 'demoapp' },
      spec: {
        selector: { istio: 'egressgateway' },
        servers: [{ port: { number: 70000, name: 'x', protocol: 'SMTP' }, hosts: [] }],
      },
    };
    expect(codes(validateGateway(gw, snapshot))).toEqual([
      'gateway_server_hosts_missing spec.servers[0].hosts',
      'gateway_port_invalid spec.servers[0].port.number',
      'gateway_protocol_invalid spec.servers[0].port.protocol',
      'gateway_selector_no_workload spec.selector',
    ]);
  });
});

describe('parseIstioObject', () => {
  it('maps zod issues to paths instead of throwing', () => {
    const r = parseIstioObject({
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'VirtualService',
      metadata: { name: 'x' },
      spec: { http: [{ route: [{ destination: { host: 3 } }] }] },
    });
    expect(r.ok).toBe(false);
    expect(r.findings).toEqual([
      expect.objectContaining({ code: 'schema_invalid', path: 'spec.http[0].route[0].destination.host' }),
    ]);
  });
  it('refuses other kinds, foreign apiVersions and non-objects', () => {
    expect(parseIstioObject({ kind: 'Service' }).findings[0]?.code).toBe('kind_unsupported');
    expect(parseIstioObject({ kind: 'Gateway', apiVersion: 'v1' }).findings[0]?.code).toBe('api_version_unsupported');
    expect(parseIstioObject('text').findings[0]?.code).toBe('schema_invalid');
  });
  it('keeps unknown fields', () => {
    const r = parseIstioObject({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'g' },
      spec: { servers: [], future: { x: 1 } },
    });
    expect(r.ok && r.object.spec).toEqual({ servers: [], future: { x: 1 } });
  });
});
