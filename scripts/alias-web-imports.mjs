// Rewrites imports in apps/web/src that climb two or more folders ('../../lib/x') to the '@/' alias
// ('@/lib/x'; '@' is apps/web/src in vite, vitest and tsconfig). Imports within a feature ('./x',
// '../api/x') stay relative. Idempotent, so it can be run again after a merge brings new files:
//
//   node scripts/alias-web-imports.mjs && npx prettier --write apps/web/src
//
// Covers `from '...'`, `import '...'`, `import('...')`, `vi.mock('...')` and `vi.importActual('...')`.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../apps/web/src');
const specifier =
  /(\bfrom\s+|\bimport\s+|\bimport\(\s*|\bmock\(\s*|\bimportActual(?:<[^>]*>)?\(\s*)(['"])(\.\.\/\.\.\/[^'"]*)\2/g;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(ts|tsx)$/.test(entry.name)) yield path;
  }
}

let rewritten = 0;
let changedFiles = 0;
for (const file of files(src)) {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(specifier, (match, before, quote, spec) => {
    const target = relative(src, resolve(dirname(file), spec));
    if (target.startsWith('..')) return match; // outside apps/web/src: not the alias's business
    rewritten += 1;
    return `${before}${quote}@/${target.split(sep).join('/')}${quote}`;
  });
  if (next !== text) {
    writeFileSync(file, next);
    changedFiles += 1;
  }
}
console.log(`rewrote ${rewritten} imports in ${changedFiles} files under ${relative(process.cwd(), src) || '.'}`);
