import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { withCircuitBreaker } from './circuit-breaker';
import type { HistoryAnswer, HistoryRequest } from './history';
import type { TrafficSource } from './traffic-source';

const logger = pino({ level: 'silent' });
const answer: HistoryAnswer = { timestamps: [1, 2], steps: [null, null], rateWindow: '15s' };
const req: HistoryRequest = { namespaces: ['bookinfo'], selections: [], stepSeconds: 15, points: 2 };

function source(over: Partial<TrafficSource> = {}): TrafficSource {
  return {
    kind: 'prometheus',
    query: () => Promise.reject(new Error('connect ECONNREFUSED')),
    ping: () => Promise.resolve(true),
    ...over,
  };
}

describe('withCircuitBreaker', () => {
  it('keeps the source history (metrics over time, the overview) and passes its answer through', async () => {
    const breaker = withCircuitBreaker(source({ history: () => Promise.resolve(answer) }), { logger });
    try {
      expect(breaker.history).toBeTypeOf('function');
      await expect(breaker.history?.(req)).resolves.toEqual(answer);
    } finally {
      breaker.stop();
    }
  });

  it('has no history when the source has none, so the metrics endpoints say so', () => {
    const breaker = withCircuitBreaker(source(), { logger });
    breaker.stop();
    expect(breaker.history).toBeUndefined();
  });

  it('once open, refuses history at once like any other question', async () => {
    let asked = 0;
    const breaker = withCircuitBreaker(
      source({
        history: () => {
          asked++;
          return Promise.resolve(answer);
        },
      }),
      { logger },
    );
    try {
      await expect(breaker.query(['bookinfo'], '30s')).rejects.toThrow('ECONNREFUSED');
      expect(breaker.openSince()).toBeTypeOf('number');
      await expect(breaker.history?.(req)).rejects.toThrow(/metrics backend not answering since/);
      expect(asked).toBe(0);
    } finally {
      breaker.stop();
    }
  });
});
