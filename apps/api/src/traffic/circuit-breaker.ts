import type { Logger } from 'pino';
import { asAppErrorLike } from '../errors/app-error';
import { metricsUnavailable } from './errors';
import type { HistoryRequest } from './history';
import type { TrafficSource } from './traffic-source';

/*
 * A metrics backend that stops answering without refusing (a black hole: the connection is accepted,
 * nothing comes back) made every graph request wait out the full query deadline, for as long as the
 * outage lasted (issue 14). The breaker sits in front of the source:
 * - closed: queries go through; one that fails for want of an answer (unreachable, timeout, 5xx) opens it;
 * - open: queries fail at once with a clear 'unavailable' error, so the graph answers immediately
 *   with the last good window and `metricsError` (read-traffic.ts), which the web shows;
 * - a background probe (the source's ping, with a short deadline) runs every `probeIntervalMs`
 *   whatever the state: a failed probe opens the breaker before any user request has to wait, a
 *   successful one closes it.
 */

export interface CircuitBreakerOptions {
  /** How often the background probe asks the backend (default 2 s). */
  probeIntervalMs?: number;
  /** How long a probe waits for its answer (default 1 s). */
  probeTimeoutMs?: number;
  logger: Logger;
  now?: () => number;
}

export interface BrokenCircuit extends TrafficSource {
  /** When the breaker opened (epoch ms), or undefined while closed. */
  openSince(): number | undefined;
  stop(): void;
}

export function withCircuitBreaker(source: TrafficSource, options: CircuitBreakerOptions): BrokenCircuit {
  const { probeIntervalMs = 2_000, probeTimeoutMs = 1_000, logger, now = Date.now } = options;
  let openedAt: number | undefined;
  let why = '';

  const open = (reason: string) => {
    if (openedAt !== undefined) return;
    openedAt = now();
    why = reason;
    logger.warn({ reason, source: source.kind }, 'metrics circuit open: answering from the last good data');
  };
  const close = () => {
    if (openedAt === undefined) return;
    logger.info(
      { openForMs: now() - openedAt, source: source.kind },
      'metrics circuit closed: the backend answers again',
    );
    openedAt = undefined;
  };

  let probing = false;
  const probe = async () => {
    if (probing) return;
    probing = true;
    try {
      if (await answersWithin(source.ping(), probeTimeoutMs)) close();
      else open(`no answer to a health probe within ${probeTimeoutMs} ms`);
    } finally {
      probing = false;
    }
  };
  const timer = setInterval(() => void probe(), probeIntervalMs);
  timer.unref();

  /** Every question to the backend (the window now, or history) goes through the same breaker. */
  const guarded = async <T>(ask: () => Promise<T>): Promise<T> => {
    if (openedAt !== undefined) {
      throw metricsUnavailable(
        `metrics backend not answering since ${new Date(openedAt).toISOString()} (${why}); not queried until a background probe (every ${Math.round(probeIntervalMs / 1000)} s) succeeds`,
      );
    }
    try {
      return await ask();
    } catch (err) {
      // A bad request is the caller's; only a backend that does not answer opens the circuit.
      const known = asAppErrorLike(err);
      if (!known || known.status >= 500) open(err instanceof Error ? err.message : String(err));
      throw err;
    }
  };
  const history = source.history?.bind(source);

  return {
    kind: source.kind,
    query: (namespaces, window) => guarded(() => source.query(namespaces, window)),
    // The metrics over time and the overview need the source's history: the breaker must not hide it.
    ...(history ? { history: (req: HistoryRequest) => guarded(() => history(req)) } : {}),
    async ping() {
      return openedAt === undefined ? answersWithin(source.ping(), probeTimeoutMs) : false;
    },
    openSince: () => openedAt,
    stop: () => clearInterval(timer),
  };
}

function answersWithin(ping: Promise<boolean>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    ping.then(resolve, () => resolve(false)).finally(() => clearTimeout(timer));
  });
}
