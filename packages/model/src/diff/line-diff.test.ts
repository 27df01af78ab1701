import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './line-diff';

/** Rebuilds both sides from a unified diff's hunks, to prove the diff describes the change. */
function sides(diff: string): { removed: string[]; added: string[] } {
  const body = diff
    .split('\n')
    .slice(2)
    .filter((l) => l !== '' && !l.startsWith('@@'));
  return {
    removed: body.filter((l) => l.startsWith('-')).map((l) => l.slice(1)),
    added: body.filter((l) => l.startsWith('+')).map((l) => l.slice(1)),
  };
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('shows a changed weight with context, like diff -u', () => {
    const before = [
      'spec:',
      '  http:',
      '    - route:',
      '        - weight: 100',
      '          destination:',
      '            host: reviews',
    ].join('\n');
    const after = before.replace('weight: 100', 'weight: 80');
    expect(unifiedDiff(before, after, 'a', 'b')).toBe(
      [
        '--- a',
        '+++ b',
        '@@ -1,6 +1,6 @@',
        ' spec:',
        '   http:',
        '     - route:',
        '-        - weight: 100',
        '+        - weight: 80',
        '           destination:',
        '             host: reviews',
        '',
      ].join('\n'),
    );
  });

  it('only ever removes lines of the old text and adds lines of the new one', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const diff = unifiedDiff(a.join('\n'), b.join('\n'));
        const { removed, added } = sides(diff);
        expect(removed.length).toBeLessThanOrEqual(a.length);
        expect(added.length).toBeLessThanOrEqual(b.length);
        // The unchanged lines plus the additions account for every line of b.
        const kept = a.length - removed.length;
        expect(kept + added.length).toBe(b.length);
      }),
    );
  });
});
