import { describe, expect, it } from 'vitest';

/*
 * Imports flow shared -> features -> app (STYLE.md). The root ESLint config has no import-path
 * plugin, so this test enforces the direction by reading every source file's import specifiers.
 */
const sources = import.meta.glob(['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const importsOf = (text: string) => [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1] ?? '');
const featureOf = (path: string) => /^\.\/features\/([^/]+)\//.exec(path)?.[1];

function resolve(from: string, spec: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const seg of spec.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

describe('import boundaries', () => {
  const files = Object.entries(sources);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it('features never import another feature or the app layer', () => {
    const bad: string[] = [];
    for (const [path, text] of files) {
      const feature = featureOf(path);
      if (!feature) continue;
      for (const spec of importsOf(text).filter((s) => s.startsWith('.'))) {
        const target = resolve(path, spec);
        const targetFeature = featureOf(`${target}/`);
        if ((targetFeature && targetFeature !== feature) || target.startsWith('./app')) bad.push(`${path} -> ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('shared code (lib, components) never imports features or app', () => {
    const bad: string[] = [];
    for (const [path, text] of files) {
      if (!path.startsWith('./lib/') && !path.startsWith('./components/')) continue;
      for (const spec of importsOf(text).filter((s) => s.startsWith('.'))) {
        const target = resolve(path, spec);
        if (target.startsWith('./features') || target.startsWith('./app')) bad.push(`${path} -> ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
