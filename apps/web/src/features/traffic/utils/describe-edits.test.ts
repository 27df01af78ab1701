import { describe, expect, it } from 'vitest';
import { describeEdits } from './describe-edits';

describe('describeEdits', () => {
  it('summarises weights, faults, mirrors, timeouts, retries and match routes', () => {
    expect(
      describeEdits([
        {
          op: 'setWeights',
          route: { kind: 'http', index: 0 },
          weights: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 50 },
            { destination: { host: 'reviews', subset: 'v3' }, weight: 50 },
          ],
        },
        { op: 'setFault', route: { kind: 'http', index: 0 }, fault: { abort: { percent: 20, httpStatus: 555 } } },
        { op: 'setMirror', route: { kind: 'http', index: 0 }, mirror: null },
        { op: 'setTimeout', route: { kind: 'http', index: 0 }, timeout: '1s' },
        { op: 'setRetries', route: { kind: 'http', index: 0 }, retries: { attempts: 5, perTryTimeout: '1s' } },
        {
          op: 'setMatchRoute',
          name: 'jason',
          match: [{ headers: { 'end-user': { exact: 'jason' } } }],
          destinations: [{ destination: { host: 'reviews', subset: 'v2' }, weight: 100 }],
        },
      ]),
    ).toBe(
      'http[0]: v1 50%, v3 50%; http[0]: abort HTTP 555 for 20%; http[0]: mirroring removed; http[0]: timeout 1s; http[0]: 5 retries x 1s; match route "jason" -> v2 100%',
    );
  });
});
