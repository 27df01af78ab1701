import { describe, expect, it } from 'vitest';
import { faultSummary } from './fault';

describe('faultSummary', () => {
  it('reads the demoapp seed faults', () => {
    expect(faultSummary({ abort: { percentage: { value: 20 }, httpStatus: 555 } })).toEqual({
      abort: { percent: 20, httpStatus: 555 },
    });
    expect(faultSummary({ delay: { percentage: { value: 20 }, fixedDelay: '3s' } })).toEqual({
      delay: { percent: 20, delayMs: 3000 },
    });
  });
  it('an unset percentage injects nothing; the deprecated delay percent still counts', () => {
    expect(faultSummary({ abort: { httpStatus: 503 } }).abort?.percent).toBe(0);
    expect(faultSummary({ delay: { fixedDelay: '5s', percent: 10 } }).delay).toEqual({ percent: 10, delayMs: 5000 });
  });
  it('clamps percentages, keeps grpcStatus, drops unparseable delays, handles no fault', () => {
    expect(faultSummary({ abort: { grpcStatus: 'UNAVAILABLE', percentage: { value: 150 } } }).abort).toEqual({
      percent: 100,
      grpcStatus: 'UNAVAILABLE',
    });
    expect(faultSummary({ delay: { fixedDelay: 'soon', percentage: { value: 50 } } })).toEqual({});
    expect(faultSummary(undefined)).toEqual({});
  });
});
