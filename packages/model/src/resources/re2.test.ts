import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRe2 } from '../routing/string-match';
import { re2Problem, translateRe2 } from './re2';

/* What RE2 (Envoy, istiod) refuses is refused; what it accepts is read the way RE2 reads it. */

describe('RE2 grammar in JavaScript', () => {
  it.each([
    ['a(?=b)', /lookahead and lookbehind/],
    ['a(?!b)', /lookahead and lookbehind/],
    ['(?<=a)b', /lookahead and lookbehind/],
    ['(?<!a)b', /lookahead and lookbehind/],
    ['(a)\\1', /backreferences/],
    ['\\9', /backreferences/],
    ['(?<n>a)\\k<n>', /invalid escape sequence \\k/],
    ['(?P=n)', /named backreferences/],
    ['(?>a)', /atomic groups/],
    ['a*+', /nested repetition/],
    ['a{2}{3}', /nested repetition/],
    ['a{1001}', /repeat count/],
    ['\\u0041', /invalid escape sequence \\u/],
    ['\\Z', /invalid escape/],
    ['(a', /not a valid regular expression/],
    ['[z-a]', /not a valid regular expression/],
    ['*a', /not a valid regular expression/],
    ['[abc', /missing closing \]/],
    ['abc\\', /trailing backslash/],
  ])('refuses %s', (pattern, reason) => {
    expect(re2Problem(pattern)).toMatch(reason);
  });

  it.each([
    ['(?P<id>\\d+)', '123', true],
    ['(?<id>\\d+)', '12a', false],
    ['(?i)canary', 'CANARY', true],
    ['[[:alpha:]]+-\\d', 'abc-1', true],
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['\\-\\#x', '-#x', true],
    ['\\x{41}\\101', 'AA', true],
    ['\\pL+', 'héllo', true],
    ['a{,3}', 'a{,3}', true],
    ['x]', 'x]', true],
    ['^(.*?;)?(user=jason)(;.*)?$', 'a=1;user=jason', true],
    ['a*?b', 'aab', true],
  ])('reads %s as RE2 does (%s -> %s)', (pattern, input, matches) => {
    expect(re2Problem(pattern)).toBeUndefined();
    expect(compileRe2(pattern)?.test(input)).toBe(matches);
  });

  it('never throws: any text is either refused with a reason or compiles to a JS RegExp', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 16 }), fc.stringMatching(/^[()[\]{}\\?*+|.^$a-c0-9:=!<>PQEkx-]{0,12}$/)),
        (p) => {
          const t = translateRe2(p);
          if (t.ok) expect(() => new RegExp(t.source, `${t.flags}u`)).not.toThrow();
          else expect(t.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
