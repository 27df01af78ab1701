import { describe, expect, it } from 'vitest';
import { unmodelledEffects } from './unmodelled';

/* The preview says what it cannot model instead of showing a silent "no change". */

describe('unmodelledEffects', () => {
  it('names a DestinationRule policy, header operations and rewrites, once each, in a stable order', () => {
    const notes = unmodelledEffects([
      { kind: 'VirtualService', edits: [{ op: 'setRewrite' }, { op: 'setHeaders' }, { op: 'setHeaders' }] },
      { kind: 'DestinationRule', edits: [{ op: 'setTrafficPolicy' }] },
    ]);
    expect(notes).toHaveLength(3);
    expect(notes[0]).toMatch(/^DestinationRule traffic policies/);
    expect(notes[1]).toMatch(/^header operations are not modelled/);
    expect(notes[2]).toMatch(/^path and authority rewrites are not modelled/);
  });

  it('reads the filter types of a Gateway API setFilters; mirrors and redirects are modelled', () => {
    const edits = [
      {
        op: 'setFilters',
        filters: [{ type: 'URLRewrite' }, { type: 'RequestMirror' }, { type: 'RequestRedirect' }],
      },
    ];
    expect(unmodelledEffects([{ kind: 'HTTPRoute', edits }])).toEqual([
      expect.stringMatching(/^path and authority rewrites/),
    ]);
  });

  it('has nothing to say for what the prediction models (weights, faults, subsets, routes)', () => {
    expect(
      unmodelledEffects([
        { kind: 'VirtualService', edits: [{ op: 'setWeights' }, { op: 'setFault' }, { op: 'addRoute' }] },
        { kind: 'DestinationRule', edits: [{ op: 'setSubsets' }] },
        { kind: 'HTTPRoute', edits: [{ op: 'setBackendWeights' }] },
      ]),
    ).toEqual([]);
  });
});
