import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VirtualService } from '../resources/istio';
import { loadScenarioSnapshot } from '../fixtures/test-scenarios';
import { validateObject } from '../validation/validate-object';
import { applyEdit } from './apply-edit';
import { EditError } from './edit-error';
import type { Edit, MatchCondition } from './edit-schema';
import { normaliseWeights } from './normalise-weights';
import { setWeights } from './set-weights';

const snapshot = loadScenarioSnapshot();
const allVs = snapshot.virtualServices;
const demoapp = allVs.find((v) => v.metadata.name === 'demoapp') as VirtualService;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

const weightArb = fc.oneof(
  fc.integer({ min: -50, max: 1000 }),
  fc.double({ min: -10, max: 1e6, noNaN: true }),
  fc.constant(0),
);

describe('normaliseWeights', () => {
  it('yields non-negative integers summing to 100, one per input', () => {
    fc.assert(
      fc.property(fc.array(weightArb, { minLength: 1, maxLength: 12 }), (ws) => {
        const out = normaliseWeights(ws);
        expect(out).toHaveLength(ws.length);
        expect(sum(out)).toBe(100);
        for (const w of out) expect(Number.isInteger(w) && w >= 0).toBe(true);
      }),
    );
  });
  it('keeps integer inputs that already sum to 100 unchanged', () => {
    const split = fc
      .array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 })
      .filter((xs) => sum(xs) > 0);
    fc.assert(
      fc.property(split, (xs) => {
        const scaled = normaliseWeights(xs);
        expect(normaliseWeights(scaled)).toEqual(scaled);
      }),
    );
    expect(normaliseWeights([90, 10])).toEqual([90, 10]);
  });
  it('moves no entry by a whole point more than its exact share (largest remainder)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 10 }).filter((xs) => sum(xs) > 0),
        (xs) => {
          const total = sum(xs);
          normaliseWeights(xs).forEach((w, i) => expect(Math.abs(w - ((xs[i] ?? 0) / total) * 100)).toBeLessThan(1));
        },
      ),
    );
  });
  it('is scale-invariant, gives zeros zero, splits all-zero evenly and breaks ties by order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 2, max: 9 }),
        (xs, k) => {
          expect(normaliseWeights(xs.map((x) => x * k))).toEqual(normaliseWeights(xs));
        },
      ),
    );
    expect(normaliseWeights([0, 5, 0])).toEqual([0, 100, 0]);
    expect(normaliseWeights([0, 0, 0])).toEqual([34, 33, 33]);
    expect(normaliseWeights([1, 1, 1])).toEqual([34, 33, 33]);
    expect(normaliseWeights([])).toEqual([]);
  });
});

describe('setWeights properties', () => {
  const destinations = fc.array(
    fc.record({
      destination: fc.record({
        host: fc.constantFrom('demoapp', 'backend'),
        subset: fc.constantFrom('v10', 'v11', 'v3-6'),
      }),
      weight: weightArb,
    }),
    { minLength: 1, maxLength: 5 },
  );
  it('always writes integers summing to 100 and touches nothing but that route list', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 2), destinations, (index, weights) => {
        const before = structuredClone(demoapp);
        const out = setWeights(demoapp, { kind: 'http', index }, weights);
        expect(demoapp).toEqual(before);
        const written = out.spec.http![index]!.route!.map((d) => d.weight ?? NaN);
        expect(sum(written)).toBe(100);
        for (const w of written) expect(Number.isInteger(w)).toBe(true);
        // Everything except that one `route` list is deep-equal to the input.
        const rest = structuredClone(out);
        delete rest.spec.http![index]!.route;
        const expected = structuredClone(before);
        delete expected.spec.http![index]!.route;
        expect(rest).toEqual(expected);
      }),
    );
  });
});

const ref = fc.oneof(
  fc.record({
    kind: fc.constantFrom('http' as const, 'tcp' as const, 'tls' as const),
    index: fc.integer({ min: 0, max: 4 }),
  }),
  fc.record({ kind: fc.constant('http' as const), name: fc.constantFrom('canary', 'redirect', 'default', 'nope') }),
);
const dest = fc.record({
  host: fc.constantFrom('demoapp', 'reviews', 'tcp-echo', 'nowhere'),
  subset: fc.option(fc.constantFrom('v1', 'v10', 'v11', 'x'), { nil: undefined }),
});
const weighted = fc.array(fc.record({ destination: dest, weight: fc.double({ min: -5, max: 200, noNaN: true }) }), {
  minLength: 1,
  maxLength: 4,
});
const duration = fc.constantFrom('1s', '250ms', '0s', 'abc', '1.5ms', '2m');
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('setWeights' as const), route: ref, weights: weighted }),
  fc.record({ op: fc.constant('setTcpWeights' as const), route: ref, weights: weighted }),
  fc.record({
    op: fc.constant('setFault' as const),
    route: ref,
    fault: fc.option(
      fc.record(
        {
          delay: fc.record({ percent: fc.double({ min: -1, max: 150, noNaN: true }), fixedDelay: duration }),
          abort: fc.record({
            percent: fc.double({ min: 0, max: 100, noNaN: true }),
            httpStatus: fc.integer({ min: 0, max: 700 }),
          }),
        },
        { requiredKeys: [] },
      ),
      { nil: null },
    ),
  }),
  fc.record({
    op: fc.constant('setMirror' as const),
    route: ref,
    mirror: fc.option(fc.record({ destination: dest, percent: fc.double({ min: -10, max: 110, noNaN: true }) }), {
      nil: null,
    }),
  }),
  fc.record({ op: fc.constant('setTimeout' as const), route: ref, timeout: fc.option(duration, { nil: null }) }),
  fc.record({
    op: fc.constant('setRetries' as const),
    route: ref,
    retries: fc.option(
      fc.record({
        attempts: fc.integer({ min: -2, max: 10 }),
        perTryTimeout: duration,
        retryOn: fc.constantFrom('5xx', 'bogus', '503,reset'),
      }),
      { nil: null },
    ),
  }),
  fc.record({
    op: fc.constant('setMatchRoute' as const),
    name: fc.constantFrom('canary', 'redirect', 'jason', 'default'),
    match: fc.constant<MatchCondition[]>([{ headers: { 'end-user': { exact: 'jason' } } }]),
    destinations: weighted,
    remove: fc.boolean(),
  }),
);

describe('any edit followed by validation', () => {
  it('never throws anything but an EditError, and validation never throws', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allVs), fc.array(editArb, { minLength: 1, maxLength: 4 }), (vs, edits) => {
        let current = vs;
        for (const edit of edits) {
          try {
            current = applyEdit(current, edit);
          } catch (e) {
            expect(e).toBeInstanceOf(EditError);
          }
          const findings = validateObject(current, snapshot);
          expect(Array.isArray(findings)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
