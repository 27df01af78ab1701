// Bundles the API server (apps/api/src/server.ts and everything it imports: the workspace packages
// and the npm dependencies) into one ES module, apps/api/dist/server.js, that plain Node 24 runs
// with no node_modules at all. See docs/decisions/0055.
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(root, '..', '..');

/** The demo's scenario YAML, embedded: mesh-sim's scenario-files.ts reads it from the checkout, the bundle carries it. */
function yamlFiles(dir) {
  const out = {};
  for (const file of readdirSync(dir))
    if (file.endsWith('.yaml')) out[file.slice(0, -5)] = readFileSync(join(dir, file), 'utf8');
  return out;
}
const embedScenarios = {
  name: 'embed-scenarios',
  setup(b) {
    b.onLoad({ filter: /mesh-sim[\\/]src[\\/]scenarios[\\/]scenario-files\.ts$/ }, () => ({
      loader: 'js',
      contents: [
        `const model = ${JSON.stringify(yamlFiles(join(repo, 'packages', 'model', 'fixtures', 'scenarios')))};`,
        `const extra = ${JSON.stringify(yamlFiles(join(repo, 'packages', 'mesh-sim', 'scenarios-extra')))};`,
        'export const modelScenarioYaml = (ns) => (Object.hasOwn(model, ns) ? model[ns] : undefined);',
        'export const extraScenarioYaml = (ns) => (Object.hasOwn(extra, ns) ? extra[ns] : undefined);',
      ].join('\n'),
    }));
  },
};
// --outfile: tests build their own copy instead of racing over dist/.
const { values } = parseArgs({ options: { outfile: { type: 'string' } } });
const outfile = values.outfile ?? join(root, 'dist', 'server.js');
const started = performance.now();
await build({
  entryPoints: [join(root, 'src', 'server.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  sourcemap: 'linked',
  // Some dependencies are CommonJS and call require() for Node's built-ins; an ES module has no
  // require of its own, so give the bundle one.
  banner: {
    js: "import { createRequire as __sluiceCreateRequire } from 'node:module'; const require = __sluiceCreateRequire(import.meta.url);",
  },
  // Optional native speed-ups of `ws` (client-node's watch), loaded in try/catch when present.
  external: ['bufferutil', 'utf-8-validate'],
  legalComments: 'linked',
  plugins: [embedScenarios],
  logLevel: 'warning',
});
const kb = Math.round(statSync(outfile).size / 1024);
console.log(`${outfile}: ${kb} KB in ${Math.round(performance.now() - started)} ms`);
