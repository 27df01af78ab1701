import type { VirtualService } from '@sluice/model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMergePatch, buildMergePatch, diffValue, type JsonValue } from './kube-patch';

const base: VirtualService = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '7', uid: 'u1', labels: { team: 'a' } },
  spec: {
    hosts: ['reviews'],
    http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }] }],
    exportTo: ['.'],
    unknownFutureField: { keep: true },
  },
};

describe('buildMergePatch', () => {
  it('sends only what changed, with resourceVersion as the precondition', () => {
    const next = structuredClone(base);
    next.spec.http = [
      {
        route: [
          { destination: { host: 'reviews', subset: 'v1' }, weight: 20 },
          { destination: { host: 'reviews', subset: 'v3' }, weight: 80 },
        ],
      },
    ];
    const patch = buildMergePatch(base, next, '7');
    expect(patch).toEqual({ metadata: { resourceVersion: '7' }, spec: { http: next.spec.http } });
  });

  it('removes deleted keys with null and leaves unknown fields alone', () => {
    const next = structuredClone(base);
    delete next.spec.exportTo;
    delete next.metadata.labels;
    const patch = buildMergePatch(base, next, '7');
    expect(patch).toEqual({ metadata: { resourceVersion: '7', labels: null }, spec: { exportTo: null } });
  });

  it('is only the precondition when nothing changed', () => {
    expect(buildMergePatch(base, structuredClone(base), '7')).toEqual({ metadata: { resourceVersion: '7' } });
  });
});

describe('diffValue', () => {
  it('keeps a "__proto__" key as a field (JSON.parse makes it an own property), at any depth', () => {
    const a = JSON.parse('{"x": {"__proto__": [1]}}') as JsonValue;
    const b = JSON.parse('{"x": {"__proto__": [2]}, "__proto__": {"k": "v"}}') as JsonValue;
    const patch = diffValue(a, b);
    expect(JSON.stringify(patch)).toBe('{"x":{"__proto__":[2]},"__proto__":{"k":"v"}}');
    expect(JSON.stringify(applyMergePatch(a, patch!))).toBe(JSON.stringify(b));
  });

  const json: fc.Arbitrary<JsonValue> = fc.jsonValue() as fc.Arbitrary<JsonValue>;
  // Merge patch cannot express a literal null value, so objects with null members are excluded.
  const noNulls = (v: unknown): boolean =>
    v !== null && (typeof v !== 'object' || Object.values(v as object).every(noNulls));

  it('applying diff(a, b) to a gives b (for objects without null members)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json), fc.dictionary(fc.string(), json), (a, b) => {
        fc.pre(noNulls(b));
        const patch = diffValue(a, b);
        expect(patch === undefined ? a : applyMergePatch(a, patch)).toEqual(b);
      }),
    );
  });
});
