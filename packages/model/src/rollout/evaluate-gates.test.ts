import { describe, expect, it } from 'vitest';
import { evaluateGates, isFailure } from './evaluate-gates';
import { stepWindow } from './gate-window';
import { plan, sample, SERVICE, window } from './test-kit';

const sides = {
  stable: { service: SERVICE, workloads: ['data-product'] },
  canary: { service: SERVICE, workloads: ['data-product-v4.0'] },
};
const gates = (overrides = {}) => ({ ...plan().gates, ...overrides });

describe('evaluateGates', () => {
  it('passes a healthy canary with enough requests', () => {
    const e = evaluateGates(
      gates(),
      window([sample('data-product', 8), sample('data-product-v4.0', 1)], { stable: 9, canary: 14 }),
      sides,
    );
    expect(e.verdict).toBe('pass');
    expect(e.canary.requests).toBe(60);
    expect(e.stable.rps).toBe(8);
    expect(e.gates.map((g) => [g.gate, g.status])).toEqual([
      ['requests', 'pass'],
      ['successRate', 'pass'],
      ['p99', 'pass'],
    ]);
  });

  it('waits below the minimum request count, whatever the error rate', () => {
    const e = evaluateGates(
      gates({ minRequests: 100 }),
      window([sample('data-product-v4.0', 0.5, '503')], { canary: 10 }),
      sides,
    );
    expect(e.verdict).toBe('waiting');
    expect(e.gates.every((g) => g.status === 'waiting')).toBe(true);
  });

  it('a window the metrics store widened past the step start is no data for the step: every gate waits, saying why', () => {
    // Prometheus answered 60s for a 10s-old step: its failures may be from before the step.
    const widened = {
      ...window([sample('data-product', 8), sample('data-product-v4.0', 2, '503')], { canary: 10 }),
      window: '60s',
      windowWidenedFrom: '10s',
    };
    const step = { canaryWeight: 10, since: '2026-01-01T00:00:50Z' };
    const e = evaluateGates(gates(), widened, sides, step);
    expect(e.verdict).toBe('waiting');
    expect(e.gates.every((g) => g.status === 'waiting')).toBe(true);
    expect(e.gates[0]?.message).toBe(
      'waiting: the step is 10s old and the metrics need a 60s window (a few scrape intervals) to measure it without traffic from before the step',
    );
    expect(e.canary.requests).toBe(0);
    // Without a step (a plain reading), the widened answer is used as it is.
    expect(evaluateGates(gates(), widened, sides).gates[1]?.status).toBe('fail');
  });

  it('fails on 5xx and non-OK gRPC statuses above the threshold; only destination-reported samples count', () => {
    const canary = [
      sample('data-product-v4.0', 0.9),
      sample('data-product-v4.0', 0.05, '200', '14'),
      sample('data-product-v4.0', 0.05, '503'),
    ];
    const sourceSide = { ...sample('data-product-v4.0', 100, '500'), reporter: 'source' as const };
    const e = evaluateGates(gates(), window([...canary, sourceSide], { canary: 10 }), sides);
    expect(e.verdict).toBe('fail');
    expect(e.canary.successRate).toBeCloseTo(90);
    expect(e.gates.find((g) => g.gate === 'successRate')?.message).toContain('< 99%');
  });

  it('does not count codes the user excluded', () => {
    expect(isFailure({ responseCode: '404' }, ['404'])).toBe(false);
    expect(isFailure({ responseCode: '404' }, [])).toBe(true);
    expect(isFailure({ responseCode: '0' }, [])).toBe(true);
    expect(isFailure({ responseCode: '200', grpcResponseStatus: '0' }, [])).toBe(false);
  });

  it('checks p99 absolutely and against the stable p99 times a factor', () => {
    const w = window([sample('data-product', 8), sample('data-product-v4.0', 1)], { stable: 10, canary: 30 });
    const e = evaluateGates(gates({ maxP99Ms: 25, maxP99Factor: 2 }), w, sides);
    expect(e.gates.find((g) => g.gate === 'p99')).toMatchObject({ status: 'fail', value: 30, threshold: 25 });
    expect(e.gates.find((g) => g.gate === 'p99Factor')).toMatchObject({ status: 'fail', value: 3, threshold: 2 });
    const off = evaluateGates(gates({ maxP99Ms: null }), w, sides);
    expect(off.gates.some((g) => g.gate === 'p99')).toBe(false);
    expect(off.verdict).toBe('pass');
  });

  it('the split gate waits (never fails) until the observed canary share is within the tolerance of the step', () => {
    const w = window([sample('data-product', 7), sample('data-product-v4.0', 3)], { stable: 9, canary: 14 });
    const off = evaluateGates(gates(), w, sides, { canaryWeight: 10 });
    expect(off.gates.find((g) => g.gate === 'split')).toMatchObject({ status: 'waiting', value: 20, threshold: 5 });
    expect(off.verdict).toBe('waiting');
    const on = evaluateGates(gates(), w, sides, { canaryWeight: 25 });
    expect(on.gates.find((g) => g.gate === 'split')).toMatchObject({ status: 'pass', value: 5 });
    expect(on.verdict).toBe('pass');
    // A failing gate still fails while the split waits: convergence never hides errors.
    const bad = window([sample('data-product', 7), sample('data-product-v4.0', 3, '503')], { stable: 9, canary: 14 });
    expect(evaluateGates(gates(), bad, sides, { canaryWeight: 10 }).verdict).toBe('fail');
  });

  it('the client source reads source-reported series; unattributable injected aborts are named next to the success rate', () => {
    const client = (s: ReturnType<typeof sample>) => ({ ...s, reporter: 'source' as const });
    const aborted = { ...client(sample('', 0.5, '503')), responseFlags: 'FI' };
    const w = window([
      sample('data-product-v4.0', 1),
      client(sample('data-product-v4.0', 0.9)),
      client(sample('data-product-v4.0', 0.1, '504')),
      aborted,
    ]);
    const dest = evaluateGates(gates(), w, sides);
    expect(dest.source).toBe('destination');
    expect(dest.canary.successRate).toBe(100);
    const seen = evaluateGates(gates({ source: 'client' }), w, sides);
    expect(seen.source).toBe('client');
    expect(seen.canary.successRate).toBeCloseTo(90);
    const note = seen.gates.find((g) => g.gate === 'successRate')?.note;
    expect(note).toContain('0.5 req/s of injected aborts');
    expect(note).toContain('destination_workload="unknown"');
  });
});

describe('stepWindow', () => {
  const start = '2026-01-01T00:00:00.000Z';
  const at = (s: number) => Date.parse(start) + s * 1000;
  it('is min(gates.window, time since the step started), in whole seconds', () => {
    expect(stepWindow({ window: '1m' }, start, at(0.6))).toMatchObject({ seconds: 0, window: '0s' });
    expect(stepWindow({ window: '1m' }, start, at(37.9))).toMatchObject({ seconds: 37, window: '37s', since: start });
    expect(stepWindow({ window: '1m' }, start, at(600))).toMatchObject({ seconds: 60, window: '1m' });
    expect(stepWindow({ window: '30s' }, start, at(45))).toMatchObject({ seconds: 30, window: '30s' });
  });
});
