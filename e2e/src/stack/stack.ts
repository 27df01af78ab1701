import { existsSync } from 'node:fs';
import { startPrometheus, type PrometheusHandle } from '@sluice/mesh-sim/testing';
import { killGroup, spawnTsx, type NodeChild } from './node-process';
import { WEB_DIST } from './paths';
import { freePort, waitForHttp } from './ports';
import { startTcpRelay, type TcpRelay } from './tcp-relay';

/*
 * The whole stack on 127.0.0.1, on ports picked now:
 *   apps/api (`--demo`: in-memory cluster + the simulator as data plane, serving its /metrics on
 *   `--sim-metrics-port`, and the built web app from apps/web/dist) reading metrics from
 *   a real Prometheus (Debian's, scrape interval 1 s) that scrapes the simulator.
 * The API's `--prometheus-url` points at a relay port so Prometheus can be stopped and started again
 * (journey 8) without restarting the API. stop() kills everything and removes Prometheus' folder.
 */

const SEED = 7;

export interface Stack {
  /** Base URL of the console (web app and /api on one port). */
  url: string;
  prometheus: {
    /** Stops the Prometheus process (its data goes with it). */
    stop(): Promise<void>;
    /** Starts a fresh Prometheus behind the same URL and waits until it has scraped the simulator. */
    start(): Promise<void>;
    isRunning(): boolean;
  };
  /** The last lines the API wrote to stdout/stderr (attached to failures). */
  apiLog(): string;
  stop(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  if (!existsSync(`${WEB_DIST}/index.html`)) {
    throw new Error(
      `${WEB_DIST}/index.html is missing: build the web app first (npm run build -w @sluice/web; npm run test -w @sluice/e2e does it)`,
    );
  }
  const [apiPort, simPort, promPort] = [await freePort(), await freePort(), await freePort()];
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  };

  let api: NodeChild | undefined;
  // If the worker process dies without running teardown, do not leave the API behind.
  const onExit = (): void => {
    if (api?.child.pid && api.child.exitCode === null) {
      try {
        process.kill(-api.child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  };
  process.once('exit', onExit);
  cleanups.push(async () => void process.off('exit', onExit));

  try {
    const relay: TcpRelay = await startTcpRelay(promPort);
    cleanups.push(() => relay.close());

    let prom: PrometheusHandle | undefined;
    const startProm = async (): Promise<void> => {
      if (prom) return;
      const handle = await startPrometheus({ targets: [`127.0.0.1:${simPort}`], scrapeInterval: '1s' });
      prom = handle;
      relay.setBackend(Number(new URL(handle.url).port));
      await handle.waitForTargets(20_000);
    };
    const stopProm = async (): Promise<void> => {
      const handle = prom;
      prom = undefined;
      relay.setBackend(undefined);
      await handle?.stop();
    };
    cleanups.push(stopProm);

    api = spawnTsx('apps/api/src/server.ts', [
      '--demo',
      '--host',
      '127.0.0.1',
      '--port',
      String(apiPort),
      '--sim-metrics-port',
      String(simPort),
      '--prometheus-url',
      `http://127.0.0.1:${promPort}`,
      '--static-dir',
      WEB_DIST,
      '--log-level',
      'warn',
      '--seed',
      String(SEED),
    ]);
    const apiChild = api.child;
    cleanups.push(() => killGroup(apiChild));
    const url = `http://127.0.0.1:${apiPort}`;
    try {
      await waitForHttp(`${url}/api/healthz`, 60_000);
    } catch (e) {
      throw new Error(`${(e as Error).message}\nAPI output:\n${api.log()}`);
    }
    await startProm();

    const log = api.log;
    return {
      url,
      prometheus: { stop: stopProm, start: startProm, isRunning: () => prom !== undefined },
      apiLog: log,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
