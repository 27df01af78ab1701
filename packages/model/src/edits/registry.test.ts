import { describe, expect, it } from 'vitest';
import type { IstioObject } from '../resources/istio';
import type { MeshSnapshot } from '../resources/snapshot';
import { EDITABLE_PLURALS, EDIT_KINDS, editKindFor } from './registry';

const EMPTY: MeshSnapshot = {
  namespaces: ['bookinfo'],
  services: [],
  workloads: [],
  virtualServices: [],
  destinationRules: [],
  gateways: [],
};

describe('the edit registry', () => {
  it('refuses kinds without edit operations and plurals that are no kind (own keys only)', () => {
    for (const plural of ['gateways', 'services', 'VirtualService', 'toString', '__proto__', 'constructor', ''])
      expect(editKindFor(plural), plural).toBeUndefined();
  });

  it('serves VirtualService edits: parse, apply, validate through one entry', () => {
    expect(EDITABLE_PLURALS).toContain('virtualservices');
    const entry = editKindFor('virtualservices');
    expect(entry?.kind).toBe('VirtualService');
    const body = entry?.requestSchema.parse({
      resourceVersion: '1',
      edits: [{ op: 'setTimeout', route: { kind: 'http', index: 0 }, timeout: '2s' }],
    });
    if (!entry || !body) throw new Error('no virtualservices entry');
    const vs: IstioObject = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '1' },
      spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }] }] },
    };
    const next = entry.apply(vs, body.edits);
    expect(next.kind === 'VirtualService' && next.spec.http?.[0]?.timeout).toBe('2s');
    expect(entry.validate(next, EMPTY).filter((f) => f.severity === 'error')).toEqual([]);
    expect(
      EDIT_KINDS.virtualservices
        .inputProblems([
          {
            op: 'setWeights',
            route: { kind: 'http', index: 0 },
            weights: [{ destination: { host: 'reviews' }, weight: -5 }],
          },
        ])
        .map((p) => p.path),
    ).toEqual(['edits[0].weights[0].weight']);
  });
});
