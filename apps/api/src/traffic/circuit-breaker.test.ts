import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { withCircuitBreaker } from './circuit-breaker';
import type { HistoryAnswer, HistoryRequest } from './history';
import type { TrafficSource } from './traffic-source';

/* Metrics over time read through the breaker like the graph's windows (Prometheus mode's overview and charts). */

describe('the metrics circuit breaker', () => {
  it('passes history through, and a history read that gets no answer opens the circuit for every read', async () => {
    const answer = { rows: [] } as unknown as HistoryAnswer;
    let historyFails = false;
    let queries = 0;
    const source: TrafficSource = {
      kind: 'prometheus',
      query: () => {
        queries += 1;
        return Promise.resolve({ samples: [] } as never);
      },
      history: (_req: HistoryRequest) =>
        historyFails ? Promise.reject(new Error('socket hang up')) : Promise.resolve(answer),
      ping: () => Promise.resolve(true),
    };
    const breaker = withCircuitBreaker(source, { logger: pino({ level: 'silent' }), probeIntervalMs: 60_000 });
    try {
      expect(breaker.history).toBeDefined();
      await expect(breaker.history?.({} as HistoryRequest)).resolves.toBe(answer);
      historyFails = true;
      await expect(breaker.history?.({} as HistoryRequest)).rejects.toThrow('socket hang up');
      expect(breaker.openSince()).toBeDefined();
      await expect(breaker.query(['bookinfo'], '30s')).rejects.toThrow(/not answering since .*socket hang up/);
      expect(queries).toBe(0);
    } finally {
      breaker.stop();
    }
  });

  it('offers no history when the source keeps none (the metrics endpoints then say so)', () => {
    const source: TrafficSource = {
      kind: 'simulated',
      query: () => Promise.resolve({} as never),
      ping: () => Promise.resolve(true),
    };
    const breaker = withCircuitBreaker(source, { logger: pino({ level: 'silent' }) });
    expect(breaker.history).toBeUndefined();
    breaker.stop();
  });
});
