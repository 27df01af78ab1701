import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DestinationRule } from '../resources/istio';
import type { TrafficPolicyInput } from '../resources/traffic-policy';
import { validateDestinationRule } from '../validation/destination-rule';
import {
  applyDestinationRuleEdits,
  destinationRuleEditSchema,
  setSubsets,
  setTrafficPolicy,
} from './destination-rule-edits';
import { EditError } from './edit-error';

const reviews: DestinationRule = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '7' },
  spec: {
    host: 'reviews',
    exportTo: ['.'],
    subsets: [
      { name: 'v1', labels: { version: 'v1' } },
      { name: 'v3', labels: { version: 'v3' }, trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } },
    ],
  },
};

const breaker: TrafficPolicyInput = {
  connectionPool: { http: { http2MaxRequests: 1, http1MaxPendingRequests: 1 }, tcp: { maxConnections: 1 } },
  outlierDetection: { consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 },
};

const codes = (dr: DestinationRule) => validateDestinationRule(dr).map((f) => `${f.path} ${f.code}`);

describe('setTrafficPolicy', () => {
  it('sets a circuit breaker on the whole host, keeping subsets and unknown fields', () => {
    const next = setTrafficPolicy(reviews, { op: 'setTrafficPolicy', policy: breaker });
    expect(next.spec.trafficPolicy).toEqual(breaker);
    expect(next.spec.subsets).toBe(reviews.spec.subsets);
    expect(next.spec.exportTo).toEqual(['.']);
    expect(codes(next)).toEqual([]);
  });

  it('on one subset, leaves the other fields of its policy (left out = kept, null = removed)', () => {
    const next = setTrafficPolicy(reviews, { op: 'setTrafficPolicy', subset: 'v3', policy: breaker });
    expect(next.spec.subsets?.[1]?.trafficPolicy).toEqual({ loadBalancer: { simple: 'RANDOM' }, ...breaker });
    expect(next.spec.subsets?.[0]).toBe(reviews.spec.subsets?.[0]);
    const cleared = setTrafficPolicy(next, { op: 'setTrafficPolicy', subset: 'v3', policy: { loadBalancer: null } });
    expect(cleared.spec.subsets?.[1]?.trafficPolicy).toEqual(breaker);
    const none = setTrafficPolicy(cleared, { op: 'setTrafficPolicy', subset: 'v3', policy: null });
    expect(none.spec.subsets?.[1]).toEqual({ name: 'v3', labels: { version: 'v3' } });
  });

  it('per port: adds the port entry, and clearing it leaves no empty portLevelSettings behind', () => {
    const next = setTrafficPolicy(reviews, { op: 'setTrafficPolicy', portLevel: 9080, policy: breaker });
    expect(next.spec.trafficPolicy).toEqual({ portLevelSettings: [{ port: { number: 9080 }, ...breaker }] });
    const cleared = setTrafficPolicy(next, { op: 'setTrafficPolicy', portLevel: 9080, policy: null });
    expect(cleared.spec).toEqual(reviews.spec);
  });

  it('an unknown subset cannot apply: EditError at spec.subsets naming the subsets there, with the edit index', () => {
    const edits = [
      { op: 'setTrafficPolicy' as const, policy: breaker },
      { op: 'setTrafficPolicy' as const, subset: 'v9', policy: breaker },
    ];
    expect(() => applyDestinationRuleEdits(reviews, edits)).toThrow(EditError);
    try {
      applyDestinationRuleEdits(reviews, edits);
    } catch (err) {
      expect(err).toMatchObject({ code: 'subset_not_found', path: 'spec.subsets', editIndex: 1 });
      expect((err as Error).message).toMatch(/v1, v3/);
    }
  });

  it('refuses unknown policy fields by shape (a typo is a path, not silently dropped)', () => {
    const parsed = destinationRuleEditSchema.safeParse({
      op: 'setTrafficPolicy',
      policy: { connectionPool: { http: { http2MaxRequest: 1 } } },
    });
    expect(parsed.success).toBe(false);
  });
});

describe('setSubsets', () => {
  it('replaces the list; a kept name keeps its traffic policy, a left-out subset goes', () => {
    const next = setSubsets(reviews, [
      { name: 'v3', labels: { version: 'v3', track: 'stable' } },
      { name: 'v2', labels: { version: 'v2' } },
    ]);
    expect(next.spec.subsets).toEqual([
      { name: 'v3', labels: { version: 'v3', track: 'stable' }, trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } },
      { name: 'v2', labels: { version: 'v2' } },
    ]);
    expect(setSubsets(reviews, []).spec.subsets).toBeUndefined();
    expect(codes(setSubsets(reviews, [{ name: 'V_1' }, { name: 'V_1' }]))).toEqual([
      'spec.subsets[0].name subset_name_invalid',
      'spec.subsets[1].name subset_name_invalid',
      'spec.subsets[1].name subset_name_duplicate',
    ]);
  });
});

describe('traffic policy validation (istiod rules)', () => {
  const withPolicy = (policy: Record<string, unknown>, subset?: string): DestinationRule =>
    subset
      ? setTrafficPolicy(reviews, { op: 'setTrafficPolicy', subset, policy: policy as TrafficPolicyInput })
      : { ...reviews, spec: { ...reviews.spec, trafficPolicy: policy } };

  it.each([
    [
      { connectionPool: { http: { http2MaxRequests: -1 } } },
      'spec.trafficPolicy.connectionPool.http.http2MaxRequests connection_pool_negative',
    ],
    [
      { connectionPool: { tcp: { maxConnections: -2 } } },
      'spec.trafficPolicy.connectionPool.tcp.maxConnections connection_pool_negative',
    ],
    [{ connectionPool: {} }, 'spec.trafficPolicy.connectionPool connection_pool_empty'],
    [
      { connectionPool: { tcp: { connectTimeout: 'soon' } } },
      'spec.trafficPolicy.connectionPool.tcp.connectTimeout duration_invalid',
    ],
    [
      { connectionPool: { http: { h2UpgradePolicy: 'UPGRADE', useClientProtocol: true } } },
      'spec.trafficPolicy.connectionPool.http.useClientProtocol h2_upgrade_with_client_protocol',
    ],
    [
      { outlierDetection: { maxEjectionPercent: 150 } },
      'spec.trafficPolicy.outlierDetection.maxEjectionPercent outlier_percent_range',
    ],
    [
      { outlierDetection: { consecutive5xxErrors: -1 } },
      'spec.trafficPolicy.outlierDetection.consecutive5xxErrors outlier_negative',
    ],
    [
      { outlierDetection: { baseEjectionTime: '0s' } },
      'spec.trafficPolicy.outlierDetection.baseEjectionTime duration_too_short',
    ],
    [
      { outlierDetection: { consecutiveLocalOriginFailures: 3 } },
      'spec.trafficPolicy.outlierDetection.consecutiveLocalOriginFailures outlier_local_origin_without_split',
    ],
    [
      { loadBalancer: { simple: 'ROUND_ROBIN', consistentHash: { useSourceIp: true } } },
      'spec.trafficPolicy.loadBalancer lb_policy_multiple',
    ],
    [{ loadBalancer: { consistentHash: {} } }, 'spec.trafficPolicy.loadBalancer.consistentHash consistent_hash_key'],
    [
      { loadBalancer: { consistentHash: { httpHeaderName: 'x-user', useSourceIp: true } } },
      'spec.trafficPolicy.loadBalancer.consistentHash consistent_hash_key',
    ],
    [
      { loadBalancer: { consistentHash: { httpCookie: { name: 'session' } } } },
      'spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.ttl http_cookie_incomplete',
    ],
    [
      { tls: { mode: 'ISTIO_MUTUAL', caCertificates: '/etc/ca.pem' } },
      'spec.trafficPolicy.tls tls_certificates_not_allowed',
    ],
    [
      { tls: { mode: 'MUTUAL', clientCertificate: '/c.pem' } },
      'spec.trafficPolicy.tls.privateKey tls_mutual_certificate_missing',
    ],
    [
      { tls: { mode: 'SIMPLE', credentialName: 'cred', privateKey: '/k.pem' } },
      'spec.trafficPolicy.tls tls_certificates_not_allowed',
    ],
    [{}, 'spec.trafficPolicy traffic_policy_empty'],
  ])('%j -> %s', (policy, expected) => {
    expect(codes(withPolicy(policy))).toEqual([expected]);
  });

  it('reports a subset policy at its subset path', () => {
    expect(codes(withPolicy({ outlierDetection: { minHealthPercent: -1 } }, 'v1'))).toEqual([
      'spec.subsets[0].trafficPolicy.outlierDetection.minHealthPercent outlier_percent_range',
    ]);
  });

  it.each([
    { tls: { mode: 'ISTIO_MUTUAL' } },
    { tls: { mode: 'MUTUAL', credentialName: 'reviews-client' } },
    { tls: { mode: 'MUTUAL', clientCertificate: '/c.pem', privateKey: '/k.pem' } },
    { loadBalancer: { consistentHash: { httpCookie: { name: 'session', ttl: '0s' } } } },
    { loadBalancer: { simple: 'LEAST_REQUEST' } },
    { loadBalancer: { localityLbSetting: { enabled: true } } },
  ])('accepts %j', (policy) => {
    // A cookie ttl of 0s is Envoy's session cookie; istiod checks only that it is there.
    expect(codes(withPolicy(policy))).toEqual([]);
  });
});

/** Policies whose every value istiod accepts. */
const validPolicy: fc.Arbitrary<TrafficPolicyInput> = fc.record(
  {
    connectionPool: fc.record({
      http: fc.record(
        { http2MaxRequests: fc.nat(1e6), http1MaxPendingRequests: fc.nat(1e6), maxRetries: fc.nat(100) },
        { requiredKeys: ['http2MaxRequests'] },
      ),
      tcp: fc.record({ maxConnections: fc.nat(1e6), connectTimeout: fc.constantFrom('10ms', '1s', '30s') }),
    }),
    outlierDetection: fc.record({
      consecutive5xxErrors: fc.nat(100),
      interval: fc.constantFrom('1s', '10s'),
      baseEjectionTime: fc.constantFrom('30s', '1m'),
      maxEjectionPercent: fc.integer({ min: 0, max: 100 }),
    }),
    loadBalancer: fc.oneof(
      fc.record({ simple: fc.constantFrom('ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM') as fc.Arbitrary<'RANDOM'> }),
      fc.record({
        consistentHash: fc.oneof(
          fc.record({ httpHeaderName: fc.constant('x-user') }),
          fc.record({ useSourceIp: fc.constant(true) }),
        ),
      }),
    ),
    tls: fc.constantFrom({ mode: 'ISTIO_MUTUAL' as const }, { mode: 'DISABLE' as const }),
  },
  { requiredKeys: [] },
);
const level = fc.record({
  subset: fc.option(fc.constantFrom('v1', 'v3'), { nil: undefined }),
  portLevel: fc.option(fc.constantFrom(9080, 9443), { nil: undefined }),
});

describe('setTrafficPolicy properties', () => {
  it('a valid policy validates clean, touches only its own level, and clearing it restores the object', () => {
    fc.assert(
      fc.property(validPolicy, level, (policy, { subset, portLevel }) => {
        const at = {
          op: 'setTrafficPolicy' as const,
          ...(subset ? { subset } : {}),
          ...(portLevel ? { portLevel } : {}),
        };
        const plain = setTrafficPolicy(reviews, { ...at, subset: undefined, portLevel: undefined, policy: null });
        const start = subset ? setTrafficPolicy(plain, { op: 'setTrafficPolicy', subset, policy: null }) : plain;
        const next = setTrafficPolicy(start, { ...at, policy });
        expect(codes(next)).toEqual([]);
        // Setting twice is setting once.
        expect(setTrafficPolicy(next, { ...at, policy })).toEqual(next);
        // The other subsets and the rest of the spec are the same objects.
        for (const [i, s] of (start.spec.subsets ?? []).entries())
          if (s.name !== subset) expect(next.spec.subsets?.[i]).toBe(s);
        expect(next.spec.host).toBe(start.spec.host);
        // Clearing every field written is the object before.
        const clear = Object.fromEntries(Object.keys(policy).map((k) => [k, null])) as TrafficPolicyInput;
        expect(setTrafficPolicy(next, { ...at, policy: clear })).toEqual(start);
      }),
      { numRuns: 300 },
    );
  });
});
