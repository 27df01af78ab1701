// Prints the gzip size of the JavaScript the browser loads before any lazy page: the entry chunk
// and everything it imports statically (per vite's manifest). Lazy chunks are listed apart.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET_KB = 350;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const gzipKb = (file) => gzipSync(readFileSync(join(dist, file))).length / 1024;

const initial = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const dep of chunk.imports ?? []) visit(dep);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);

const lazy = new Set(
  Object.values(manifest)
    .map((c) => c.file)
    .filter((f) => f.endsWith('.js') && !initial.has(f)),
);

const total = [...initial].reduce((sum, f) => sum + gzipKb(f), 0);
console.log('Initial JS (gzip):');
for (const f of initial) console.log(`  ${f.padEnd(48)} ${gzipKb(f).toFixed(1)} KB`);
console.log(`  total ${total.toFixed(1)} KB (budget ${BUDGET_KB} KB)`);
console.log('Lazy chunks (gzip):');
for (const f of lazy) console.log(`  ${f.padEnd(48)} ${gzipKb(f).toFixed(1)} KB`);
if (total > BUDGET_KB) {
  console.error(`Initial JS ${total.toFixed(1)} KB exceeds the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
