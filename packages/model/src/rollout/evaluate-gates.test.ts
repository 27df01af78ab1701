import { describe, expect, it } from 'vitest';
import { evaluateGates, isFailure } from './evaluate-gates';
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
});
