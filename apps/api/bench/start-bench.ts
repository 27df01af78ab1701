/*
 * Start-time benchmark: `npm run bench:start` (root). Time from spawning the server to its
 * "Sluice listening" log line, demo mode, median of --runs starts, for the production bundle
 * (`node apps/api/dist/server.js`, built first by this script) and for the development path
 * (`tsx apps/api/src/server.ts`, what `npm start` runs). Also prints the bundle's size and the
 * first request's time after listening. Figures only, no assertions.
 */
import { execFileSync, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Math.max(1, Number(values.runs));
const api = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${api}dist/server.js`;
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

execFileSync(process.execPath, [`${api}scripts/build-server.mjs`], { stdio: 'inherit' });

/** ms from spawn to the listening line, and ms of the first GET /api/namespaces after it. */
function startOnce(command: string, args: string[]): Promise<{ listen: number; firstRequest: number }> {
  const started = performance.now();
  const child = spawn(command, [...args, '--port=0', '--demo'], { cwd: api, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.once('exit', (code) => reject(new Error(`exited ${code} before listening`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"[^\n]*Sluice listening/.exec(buffered);
      if (!match) return;
      buffered = '';
      const listen = performance.now() - started;
      void fetch(`${match[1]}/api/namespaces`)
        .then((r) => r.arrayBuffer())
        .then(() => {
          const firstRequest = performance.now() - started - listen;
          child.removeAllListeners('exit');
          child.once('exit', () => resolve({ listen, firstRequest }));
          child.kill('SIGTERM');
        }, reject);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function measure(label: string, command: string, args: string[]) {
  const times: { listen: number; firstRequest: number }[] = [];
  for (let i = 0; i < runs; i++) times.push(await startOnce(command, args));
  console.log(
    `${label.padEnd(36)} listening after ${Math.round(median(times.map((t) => t.listen)))} ms (median of ${runs}; ` +
      `min ${Math.round(Math.min(...times.map((t) => t.listen)))}), first request ${Math.round(median(times.map((t) => t.firstRequest)))} ms`,
  );
}

console.log(`bundle: ${(statSync(bundle).size / 1024 / 1024).toFixed(1)} MB, Node ${process.version}`);
await measure('node apps/api/dist/server.js', process.execPath, [bundle]);
await measure('tsx apps/api/src/server.ts (npm start)', tsx, ['src/server.ts']);
