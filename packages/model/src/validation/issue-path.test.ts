import { describe, expect, it } from 'vitest';
import { issuePath } from './parse';

// One spelling of a path into an object: findings (422) and the API's 400 details both use it, and
// the web puts each message under the field whose path it names.
describe('issuePath', () => {
  it('writes indexes in brackets and names after dots', () => {
    expect(issuePath(['edits', 0, 'weights', 1, 'weight'])).toBe('edits[0].weights[1].weight');
    expect(issuePath([0, 'op'])).toBe('[0].op');
  });

  it('puts a prefix in front (query problems are named query.<param>)', () => {
    expect(issuePath(['graphType'], 'query')).toBe('query.graphType');
    expect(issuePath([], 'query')).toBe('query');
  });

  it('quotes keys that are not plain names, so a dotted annotation key stays one segment', () => {
    expect(issuePath(['metadata', 'annotations', 'sluice.io/rollout'])).toBe(
      'metadata.annotations["sluice.io/rollout"]',
    );
  });

  it('is empty for the root (callers say "(root)")', () => {
    expect(issuePath([])).toBe('');
  });
});
