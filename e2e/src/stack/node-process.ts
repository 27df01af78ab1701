import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './paths';

/*
 * Child node processes of the stacks (API, mesh-sim CLI). Each runs as one process (tsx as an ESM
 * loader, not tsx's CLI, which forks another node) in its own process group, so a kill means gone.
 */

export interface NodeChild {
  child: ChildProcess;
  /** The last 8 KB of what it printed, for failure reports. */
  log(): string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function spawnTsx(script: string, args: string[]): NodeChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let tail = '';
  const keep = (d: Buffer): void => {
    tail = (tail + d.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, log: () => tail };
}

/** SIGTERM to the whole group, SIGKILL after the grace period. */
export async function killGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await Promise.race([gone, sleep(graceMs)]);
  if (child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await Promise.race([gone, sleep(1000)]);
  }
}
