import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/*
 * The real process, as `npm start` runs it: it comes up on 127.0.0.1 in demo mode, serves, and on
 * SIGTERM ends its event streams and exits 0. Bad flags exit 2 with a message naming the flag.
 */

const TSX = fileURLToPath(import.meta.resolve('tsx/cli'));
const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
const children: ChildProcess[] = [];

function start(args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [TSX, SERVER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  child.stdout?.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (text += c.toString()));
  return { child, output: () => text };
}

async function listeningUrl(output: () => string): Promise<string> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const match = /Sluice listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output());
    if (match?.[1]) return match[1];
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('server process', () => {
  it('serves the demo on 127.0.0.1 and shuts down cleanly on SIGTERM, even with an open event stream', async () => {
    const { child, output } = start(['--port', '0', '--seed', '3']);
    const url = await listeningUrl(output);
    const health = await (await fetch(`${url}/api/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', cluster: 'demo', metrics: 'simulated' });

    const stream = await fetch(`${url}/api/events`);
    const reader = stream.body!.getReader();
    await reader.read();
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    // The stream was ended by the server, not cut.
    for (;;) if ((await reader.read()).done) break;
  }, 60_000);

  it('exits 2 with a clear message on a bad flag', async () => {
    const { child, output } = start(['--port', 'eighty']);
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(output()).toMatch(/--port must be a whole number/);
  }, 60_000);
});
