import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HTTPRoute, VirtualService } from '../resources/istio';
import { loadScenarioSnapshot } from '../fixtures/test-scenarios';
import { validateObject } from '../validation/validate-object';
import { applyEdit } from './apply-edit';
import { EditError } from './edit-error';
import type { Edit } from './edit-schema';

/*
 * Properties of the route edits over every scenario VirtualService, with unknown fields planted at
 * every level: each op changes only the fields it owns on the route it addresses, keeps the rest
 * (known or unknown), never mutates its input, throws nothing but an EditError, and validation of
 * whatever comes out never throws.
 */

const snapshot = loadScenarioSnapshot();
const withUnknowns = (vs: VirtualService): VirtualService => {
  const copy = structuredClone(vs) as VirtualService & { spec: { futureSpec?: unknown } };
  copy.spec.futureSpec = { keep: true };
  for (const route of copy.spec.http ?? []) {
    (route as Record<string, unknown>).futureRoute = 'kept';
    for (const d of route.route ?? []) (d as Record<string, unknown>).futureDestination = 1;
    if (route.rewrite) (route.rewrite as Record<string, unknown>).futureRewrite = 'x';
    if (route.redirect) (route.redirect as Record<string, unknown>).futureRedirect = 'x';
  }
  return copy;
};
const httpVs = snapshot.virtualServices.filter((v) => (v.spec.http?.length ?? 0) > 0).map(withUnknowns);

const text = fc.string({ maxLength: 12 });
const headerName = fc.stringMatching(/^[A-Za-z][-A-Za-z0-9_.]{0,8}$/);
const stringMatch = fc.oneof(
  fc.record({ exact: text }),
  fc.record({ prefix: text }),
  fc.record({ regex: fc.oneof(fc.constantFrom('^/a.*', '(?i)x', 'a(?=b)', '(a)\\1', '[', '(?P<n>x)'), text) }),
);
const ops = fc.record(
  {
    set: fc.dictionary(headerName, text, { maxKeys: 3 }),
    add: fc.dictionary(headerName, text, { maxKeys: 3 }),
    remove: fc.array(headerName, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const headers = fc.option(fc.record({ request: ops, response: ops }, { requiredKeys: [] }), { nil: null });
const match = fc.record(
  {
    uri: stringMatch,
    method: stringMatch,
    headers: fc.dictionary(headerName, fc.oneof(stringMatch, fc.constant({})), { maxKeys: 2 }),
    queryParams: fc.dictionary(headerName, stringMatch, { maxKeys: 2 }),
    port: fc.integer({ min: 1, max: 65535 }),
    sourceLabels: fc.dictionary(headerName, text, { maxKeys: 2 }),
    gateways: fc.array(fc.constantFrom('mesh', 'istio-system/proxy-gateway'), { maxLength: 2 }),
    ignoreUriCase: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** Each op with the route fields it owns (`destination`: fields of route[i] for per-destination headers). */
const cases = (routes: number): fc.Arbitrary<{ edit: Edit; owns: string[] }> => {
  const ref = fc.integer({ min: 0, max: routes - 1 }).map((index) => ({ kind: 'http' as const, index }));
  return fc.oneof(
    fc
      .record({
        op: fc.constant('setRewrite' as const),
        route: ref,
        rewrite: fc.option(
          fc.record(
            {
              uri: fc.constantFrom('/', '/v2'),
              authority: fc.constantFrom('a', 'b.example'),
              uriRegexRewrite: fc.record({
                match: fc.constantFrom('^/x(.*)', 'a(?!b)'),
                rewrite: fc.constantFrom('/\\1', ''),
              }),
            },
            { requiredKeys: [] },
          ),
          { nil: null },
        ),
      })
      .map((edit) => ({ edit, owns: ['rewrite'] })),
    fc
      .record({
        op: fc.constant('setRedirect' as const),
        route: ref,
        redirect: fc.option(
          fc.record(
            {
              uri: fc.constantFrom('/', '/x'),
              authority: fc.constantFrom('backend'),
              port: fc.integer({ min: 1, max: 65535 }),
              scheme: fc.constantFrom('http', 'https', 'ftp'),
              redirectCode: fc.integer({ min: 100, max: 599 }),
            },
            { requiredKeys: [] },
          ),
          { nil: null },
        ),
      })
      .map((edit) => ({ edit, owns: ['redirect'] })),
    fc
      .record({ op: fc.constant('setHeaders' as const), route: ref, headers })
      .map((edit) => ({ edit, owns: ['headers'] })),
    fc
      .record({
        op: fc.constant('setHeaders' as const),
        route: ref,
        headers,
        destinationIndex: fc.integer({ min: 0, max: 2 }),
      })
      .map((edit) => ({ edit, owns: ['route'] })),
    fc
      .record({ op: fc.constant('setMatch' as const), route: ref, match: fc.array(match, { maxLength: 3 }) })
      .map((edit) => ({ edit, owns: ['match'] })),
  );
};

const strip = (route: HTTPRoute | undefined, keys: string[]) => {
  const copy = { ...(route ?? {}) } as Record<string, unknown>;
  for (const k of keys) delete copy[k];
  return copy;
};

describe('route edits: properties', () => {
  it('touch only the fields they own on the route they address, keep unknown fields, never mutate the input', () => {
    const arb = fc.constantFrom(...httpVs).chain((vs) => fc.tuple(fc.constant(vs), cases(vs.spec.http?.length ?? 1)));
    fc.assert(
      fc.property(arb, ([vs, { edit, owns }]) => {
        const before = structuredClone(vs);
        let out: VirtualService;
        try {
          out = applyEdit(vs, edit);
        } catch (e) {
          expect(e).toBeInstanceOf(EditError);
          expect((e as EditError).code).toBe('destination_not_found');
          return;
        }
        expect(vs).toEqual(before);
        const route0 = (edit as { route: { index?: number } }).route;
        const index = route0.index ?? -1;
        const { http: outHttp, ...outSpec } = out.spec;
        const { http: inHttp, ...inSpec } = before.spec;
        expect(outSpec).toEqual(inSpec);
        expect(out.metadata).toEqual(before.metadata);
        outHttp?.forEach((r, i) => {
          if (i !== index) expect(r).toEqual(inHttp?.[i]);
          else expect(strip(r, owns)).toEqual(strip(inHttp?.[i], owns));
        });
        if (edit.op === 'setHeaders' && edit.destinationIndex !== undefined) {
          // Per destination: only that destination's `headers` changed.
          const outRoute = outHttp?.[index]?.route ?? [];
          outRoute.forEach((d, i) => {
            const inD = inHttp?.[index]?.route?.[i];
            if (i === edit.destinationIndex)
              expect(strip(d as HTTPRoute, ['headers'])).toEqual(strip(inD as HTTPRoute, ['headers']));
            else expect(d).toEqual(inD);
          });
        }
        // Unknown fields of the owned object survive a rewrite/redirect replacement (unless it was cleared).
        const route = outHttp?.[index] as Record<string, Record<string, unknown> | undefined> | undefined;
        if (edit.op === 'setRewrite' && edit.rewrite && inHttp?.[index]?.rewrite)
          expect(route?.rewrite?.futureRewrite).toBe('x');
        if (edit.op === 'setRedirect' && edit.redirect && inHttp?.[index]?.redirect)
          expect(route?.redirect?.futureRedirect).toBe('x');
        expect(Array.isArray(validateObject(out, snapshot))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('moveRoute keeps the same routes (a permutation) and moving back restores the object', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...httpVs).chain((vs) => {
          const n = vs.spec.http?.length ?? 1;
          return fc.tuple(fc.constant(vs), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }));
        }),
        ([vs, from, to]) => {
          const moved = applyEdit(vs, { op: 'moveRoute', route: { kind: 'http', index: from }, to });
          expect(moved.spec.http?.[to]).toEqual(vs.spec.http?.[from]);
          expect([...(moved.spec.http ?? [])].sort(byJson)).toEqual([...(vs.spec.http ?? [])].sort(byJson));
          expect(applyEdit(moved, { op: 'moveRoute', route: { kind: 'http', index: to }, to: from })).toEqual(vs);
        },
      ),
    );
  });

  it('addRoute then removeRoute of the same route is the identity', () => {
    fc.assert(
      fc.property(fc.constantFrom(...httpVs), fc.option(fc.nat(6), { nil: undefined }), (vs, at) => {
        const n = vs.spec.http?.length ?? 0;
        const pos = at === undefined ? undefined : Math.min(at, n);
        const added = applyEdit(vs, { op: 'addRoute', name: 'new-route', ...(pos === undefined ? {} : { at: pos }) });
        expect(added.spec.http).toHaveLength(n + 1);
        expect(applyEdit(added, { op: 'removeRoute', route: { kind: 'http', name: 'new-route' } })).toEqual(vs);
      }),
    );
  });
});

const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
