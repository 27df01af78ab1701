import { describe, expect, it } from 'vitest';
import { compileRe2, isEmptyStringMatch, stringMatches } from './string-match';

describe('stringMatches', () => {
  it('exact and prefix', () => {
    expect(stringMatches({ exact: '/a' }, '/a')).toBe(true);
    expect(stringMatches({ exact: '/a' }, '/ab')).toBe(false);
    expect(stringMatches({ prefix: '/a' }, '/ab')).toBe(true);
    expect(stringMatches({ prefix: '/a' }, '/b')).toBe(false);
  });
  it('anchors regex as a full match (RE2 semantics)', () => {
    expect(stringMatches({ regex: 'v[0-9]+' }, 'v12')).toBe(true);
    expect(stringMatches({ regex: 'v[0-9]+' }, 'xv12')).toBe(false);
    expect(stringMatches({ regex: 'v[0-9]+' }, 'v12x')).toBe(false);
    // Alternation must be anchored as a whole, not just its first/last branch.
    expect(stringMatches({ regex: 'a|b' }, 'ab')).toBe(false);
    expect(stringMatches({ regex: 'a|b' }, 'b')).toBe(true);
  });
  it('reads the RE2 (?i) flag and never matches an invalid pattern', () => {
    expect(stringMatches({ regex: '(?i)jason' }, 'JASON')).toBe(true);
    expect(compileRe2('(unclosed')).toBeNull();
    expect(stringMatches({ regex: '(unclosed' }, '(unclosed')).toBe(false);
  });
  it('ignoreCase covers exact and prefix but not regex', () => {
    expect(stringMatches({ exact: '/Canary' }, '/canary', true)).toBe(true);
    expect(stringMatches({ prefix: '/CAN' }, '/canary', true)).toBe(true);
    expect(stringMatches({ regex: '/CAN.*' }, '/canary', true)).toBe(false);
  });
  it('never matches an absent value; {} is the "present" form', () => {
    expect(stringMatches({ exact: '' }, undefined)).toBe(false);
    expect(isEmptyStringMatch({})).toBe(true);
    expect(isEmptyStringMatch({ exact: '' })).toBe(false);
  });
});
