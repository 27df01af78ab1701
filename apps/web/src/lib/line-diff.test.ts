import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './line-diff';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('writes a changed line as -old then +new, with context', () => {
    expect(unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', 'stored', 'yours')).toBe('--- stored\n+++ yours\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
  });
});
