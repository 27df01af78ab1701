import { parseDurationMs } from '@sluice/model';
import { AppError } from '../errors/app-error';

/*
 * A rate needs at least two samples in its window, and Prometheus's extrapolation is only steady with
 * several: a 30 s window over a 15 s scrape holds one or two samples, so rate() is empty about one
 * time in five and the graph goes blank with no message (issue 12). Like Grafana's $__rate_interval,
 * Sluice never evaluates a rate over less than 4 sample intervals, and says so when it widens.
 */

export const MIN_SAMPLES_PER_WINDOW = 4;

export interface WindowChoice {
  /** The window to evaluate, e.g. "60s". */
  window: string;
  windowSeconds: number;
  widenedFrom?: string;
  note?: string;
}

export function windowSeconds(window: string): number {
  const ms = parseDurationMs(window);
  if (ms === undefined || ms <= 0)
    throw new AppError('bad_request', `window "${window}" is not a duration such as 30s`);
  return ms / 1000;
}

/** `intervalSeconds`: how often the series get a new sample (scrape interval, or rule interval if slower). */
export function chooseWindow(requested: string, intervalSeconds: number | undefined): WindowChoice {
  const asked = windowSeconds(requested);
  if (intervalSeconds === undefined || !(intervalSeconds > 0)) return { window: requested, windowSeconds: asked };
  const min = Math.ceil(MIN_SAMPLES_PER_WINDOW * intervalSeconds);
  if (asked >= min) return { window: requested, windowSeconds: asked };
  return {
    window: `${min}s`,
    windowSeconds: min,
    widenedFrom: requested,
    note: `widened from ${requested} to ${min}s: Prometheus has a new sample every ${intervalSeconds} s, and a rate needs at least ${MIN_SAMPLES_PER_WINDOW} in its window`,
  };
}
