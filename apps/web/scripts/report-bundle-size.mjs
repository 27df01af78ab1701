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

// Everything the graph page loads (issue 12: <= 450 KB gzip, as the server sends it): the entry
// closure, the graph page's chunk closure, and the CSS of both. The table view is a lazy chunk of its own.
const GRAPH_BUDGET_KB = 450;
const graphFiles = new Set();
const visitWithCss = (key) => {
  const chunk = manifest[key];
  if (!chunk || graphFiles.has(chunk.file)) return;
  graphFiles.add(chunk.file);
  for (const css of chunk.css ?? []) graphFiles.add(css);
  for (const dep of chunk.imports ?? []) visitWithCss(dep);
};
for (const [key, chunk] of Object.entries(manifest)) {
  if (chunk.isEntry || (chunk.isDynamicEntry && chunk.name === 'graph-page')) visitWithCss(key);
}
const graphTotal = [...graphFiles].reduce((sum, f) => sum + gzipKb(f), 0);
const graphJs = [...graphFiles].filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gzipKb(f), 0);
console.log(
  `Graph page (JS + CSS, gzip): ${graphTotal.toFixed(1)} KB (JS ${graphJs.toFixed(1)}, CSS ${(graphTotal - graphJs).toFixed(1)}; budget ${GRAPH_BUDGET_KB} KB)`,
);
if (graphTotal > GRAPH_BUDGET_KB) {
  console.error(`The graph page loads ${graphTotal.toFixed(1)} KB, over the ${GRAPH_BUDGET_KB} KB budget`);
  process.exit(1);
}
