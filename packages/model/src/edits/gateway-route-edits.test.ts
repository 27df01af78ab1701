import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseManifests, snapshotFromManifests } from '../fixtures/manifests';
import type { KubeHTTPRoute } from '../resources/gateway-api';
import { EditError } from './edit-error';
import { applyHttpRouteEdits, httpRouteEditSchema } from './gateway-route-edits';
import { editKindFor } from './registry';

/* HTTPRoute edit operations: pure, one rule, owned fields only. */

const mesh = snapshotFromManifests(
  parseManifests(readFileSync(new URL('../../fixtures/scenarios/gateway-api.yaml', import.meta.url), 'utf8')),
);
const base = (mesh.httpRoutes ?? []).find((r) => r.metadata.name === 'echo') as KubeHTTPRoute;
const echo: KubeHTTPRoute = {
  ...base,
  spec: {
    ...base.spec,
    rules: [
      {
        ...base.spec.rules?.[0],
        filters: [{ type: 'ExtensionRef', extensionRef: { group: 'x', kind: 'Y', name: 'z' } }],
        'x-unknown': 1,
      } as NonNullable<KubeHTTPRoute['spec']['rules']>[number],
    ],
  },
};

describe('HTTPRoute edits', () => {
  it('setBackendWeights sets each named backendRef weight and keeps everything else', () => {
    const next = applyHttpRouteEdits(echo, [
      {
        op: 'setBackendWeights',
        rule: 0,
        weights: [
          { name: 'echo-v2', weight: 50 },
          { name: 'echo-v1', weight: 50 },
        ],
      },
    ]);
    expect(next.spec.rules?.[0]?.backendRefs).toEqual([
      { name: 'echo-v1', port: 8080, weight: 50 },
      { name: 'echo-v2', port: 8080, weight: 50 },
    ]);
    expect(next.spec.rules?.[0]).toMatchObject({ 'x-unknown': 1, filters: echo.spec.rules?.[0]?.filters });
    expect(echo.spec.rules?.[0]?.backendRefs?.[0]?.weight).toBe(90); // pure
  });

  it('setBackendWeights refuses unknown or missing names and a rule that is not there', () => {
    const apply =
      (weights: { name: string; weight: number }[], rule = 0) =>
      () =>
        applyHttpRouteEdits(echo, [{ op: 'setBackendWeights', rule, weights }]);
    expect(apply([{ name: 'echo-v3', weight: 1 }])).toThrow(/no backendRef "echo-v3"/);
    expect(apply([{ name: 'echo-v1', weight: 1 }])).toThrow(/missing echo-v2/);
    expect(apply([{ name: 'echo-v1', weight: 1 }], 3)).toThrow(EditError);
  });

  it('setMatch replaces the matches; null removes them', () => {
    const matched = applyHttpRouteEdits(echo, [
      { op: 'setMatch', rule: 0, matches: [{ path: { type: 'PathPrefix', value: '/api' }, method: 'GET' }] },
    ]);
    expect(matched.spec.rules?.[0]?.matches).toEqual([{ path: { type: 'PathPrefix', value: '/api' }, method: 'GET' }]);
    const cleared = applyHttpRouteEdits(matched, [{ op: 'setMatch', rule: 0, matches: null }]);
    expect(cleared.spec.rules?.[0]).not.toHaveProperty('matches');
  });

  it('setFilters owns the four filter types and keeps others (ExtensionRef)', () => {
    const next = applyHttpRouteEdits(echo, [
      {
        op: 'setFilters',
        rule: 0,
        filters: [
          { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-env', value: 'canary' }] } },
          { type: 'RequestMirror', requestMirror: { backendRef: { name: 'echo-v2', port: 8080 }, percent: 10 } },
        ],
      },
    ]);
    expect(next.spec.rules?.[0]?.filters?.map((f) => f.type)).toEqual([
      'ExtensionRef',
      'RequestHeaderModifier',
      'RequestMirror',
    ]);
    const cleared = applyHttpRouteEdits(next, [{ op: 'setFilters', rule: 0, filters: [] }]);
    expect(cleared.spec.rules?.[0]?.filters?.map((f) => f.type)).toEqual(['ExtensionRef']);
  });

  it('shapes: a VirtualService op or an unknown filter type is not an HTTPRoute edit', () => {
    expect(
      httpRouteEditSchema.safeParse({ op: 'setWeights', route: { kind: 'http', index: 0 }, weights: [] }).success,
    ).toBe(false);
    expect(httpRouteEditSchema.safeParse({ op: 'setFilters', rule: 0, filters: [{ type: 'Teleport' }] }).success).toBe(
      false,
    );
  });

  it('the registry refuses weights the spec cannot store, with paths into the request', () => {
    const kind = editKindFor('httproutes');
    expect(kind?.kind).toBe('HTTPRoute');
    const problems = kind?.inputProblems([
      {
        op: 'setBackendWeights',
        rule: 0,
        weights: [
          { name: 'a', weight: -5 },
          { name: 'b', weight: 2.5 },
        ],
      },
      {
        op: 'setBackendWeights',
        rule: 0,
        weights: [
          { name: 'a', weight: 0 },
          { name: 'b', weight: 0 },
        ],
      },
    ] as never[]);
    expect(problems?.map((p) => p.path)).toEqual([
      'edits[0].weights[0].weight',
      'edits[0].weights[1].weight',
      'edits[1].weights',
    ]);
  });
});
