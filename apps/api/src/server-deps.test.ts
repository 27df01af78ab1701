import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config/config';
import { buildDeps } from './server-deps';
import { createServer } from 'node:net';

/* What server.ts wires for each configuration (the Kubernetes wiring is proven by the cluster suites). */

const logger = pino({ level: 'silent' });

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

describe('buildDeps', () => {
  it('demo: the in-memory store with the simulator as traffic source, all of it closable', async () => {
    const { deps, close } = await buildDeps(parseConfig(['--demo'], {}, { inCluster: false }), logger);
    try {
      expect(deps.store.kind).toBe('demo');
      expect(deps.traffic.kind).toBe('simulated');
      expect(deps.store.snapshot().namespaces).toContain('bookinfo');
      expect(await deps.traffic.ping()).toBe(true);
    } finally {
      await close();
    }
  });

  it('demo with --prometheus-url: traffic is read from Prometheus', async () => {
    const config = parseConfig(['--demo', '--prometheus-url', 'http://127.0.0.1:1'], {}, { inCluster: false });
    const { deps, close } = await buildDeps(config, logger);
    try {
      expect(deps.traffic.kind).toBe('prometheus');
      expect(await deps.traffic.ping()).toBe(false);
    } finally {
      await close();
    }
  });

  it('demo with --prometheus-url and --sim-metrics-port: the simulator still runs and serves /metrics to scrape', async () => {
    const port = await freePort();
    const config = parseConfig(
      ['--demo', '--prometheus-url', 'http://127.0.0.1:1', '--sim-metrics-port', String(port)],
      {},
      { inCluster: false },
    );
    const { deps, close } = await buildDeps(config, logger);
    try {
      expect(deps.traffic.kind).toBe('prometheus');
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('istio_requests_total');
    } finally {
      await close();
    }
  });
});
