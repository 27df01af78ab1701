import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { ConfigError, USAGE, parseConfig, wantsHelp, type Config } from './config/config';
import { createLogger } from './observability/logger';
import { buildDeps, machineFacts } from './server-deps';

/*
 * The process: parse config, build dependencies, serve API and web app on one port, and shut down
 * cleanly on SIGINT/SIGTERM: readiness turns 503, SSE streams end (browsers reconnect to another
 * replica after their `retry`), the listener closes, requests in flight - writes included - and a
 * rollout driver pass finish, then the watches and the simulator stop. Past the grace period the
 * process exits 1 anyway (Kubernetes' terminationGracePeriodSeconds is longer).
 */

// Same depth from src/server.ts and from the bundle dist/server.js: apps/web/dist either way.
const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const SHUTDOWN_GRACE_MS = 10_000;

function readConfig(argv: string[]): Config {
  if (wantsHelp(argv)) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  try {
    return parseConfig(argv, process.env, machineFacts(process.env, WEB_DIST));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`sluice-api: ${err.message}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2));
  const logger = createLogger(config.logLevel);
  const { deps, close } = await buildDeps(config, logger);
  const app = createApp(deps);
  const server = createServer(app);

  // A failing background task must not take the console down; it is logged and the server keeps serving.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));

  server.once('error', (err) => {
    logger.fatal({ err }, `cannot listen on ${config.host}:${config.port}`);
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    const { port } = server.address() as AddressInfo;
    logger.info(
      {
        url: `http://${config.host}:${port}`,
        cluster: config.cluster.mode,
        metrics: config.prometheusUrl ?? 'simulated',
        readOnly: config.readOnly,
        auth: config.auth,
        web: deps.config.staticDir ?? 'not served (build apps/web first)',
      },
      `Sluice listening on http://${config.host}:${port}`,
    );
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const started = performance.now();
    logger.info({ signal }, 'shutting down: draining');
    setTimeout(() => {
      logger.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown grace period over; exiting with requests still open');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    // Keep-alive connections that finish a request after close() would otherwise stay open: close each
    // as soon as it is idle.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    void Promise.all([app.shutdown(), closed])
      .then(() => {
        clearInterval(idle);
        return close();
      })
      .then(
        () => {
          logger.info({ ms: Math.round(performance.now() - started) }, 'shut down cleanly');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

await main();
