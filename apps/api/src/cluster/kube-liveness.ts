import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

/*
 * Whether the apiserver answers at all, probed on a timer. The informers alone cannot tell: when a
 * network path goes silent (no reset), client-node's watch treats its own timeout as routine and
 * reconnects forever without reporting an error, and its 'connect' event fires before the request is
 * sent. Measured through a partitioning proxy, the store said "reachable" for the whole outage. So the
 * store also asks /readyz, with a short timeout, every few seconds.
 */

export interface Liveness {
  ok(): boolean;
  stop(): void;
}

export function startLivenessProbe(kc: KubeConfig, intervalMs = 5_000, timeoutMs = 3_000): Liveness {
  let ok = true;
  let stopped = false;
  const probe = async () => {
    const answered = await readyz(kc, timeoutMs);
    if (!stopped) ok = answered;
  };
  const timer = setInterval(() => void probe(), intervalMs);
  timer.unref();
  return {
    ok: () => ok,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/** True when the apiserver answers /readyz with 200, or refuses us (401/403: it is there, RBAC is another matter). */
export async function readyz(kc: KubeConfig, timeoutMs: number): Promise<boolean> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) return false;
  const options: RequestOptions = { method: 'GET', timeout: timeoutMs };
  try {
    await kc.applyToHTTPSOptions(options);
  } catch {
    return false;
  }
  const url = new URL('/readyz', server);
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve) => {
    const req = send(url, options, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve(status === 200 || status === 401 || status === 403);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}
