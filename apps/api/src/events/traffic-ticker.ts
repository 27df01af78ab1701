import type { TrafficEvent } from '@sluice/model';

/*
 * "A new window of samples is ready": both sources answer for a sliding window that moves with the
 * clock, so a fresh window exists every scrape/tick interval (2 s by default, the simulator's tick
 * and a typical Prometheus scrape in the test stack). The ticker only runs while someone listens.
 */

export type TrafficListener = (event: TrafficEvent) => void;

export function createTrafficTicker(intervalMs: number, now: () => Date = () => new Date()) {
  const listeners = new Set<TrafficListener>();
  let timer: NodeJS.Timeout | undefined;

  const tick = () => {
    const event: TrafficEvent = { timestamp: now().toISOString() };
    for (const listener of [...listeners]) listener(event);
  };

  return {
    subscribe(listener: TrafficListener): () => void {
      listeners.add(listener);
      if (!timer) {
        timer = setInterval(tick, intervalMs);
        timer.unref();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    close(): void {
      listeners.clear();
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

export type TrafficTicker = ReturnType<typeof createTrafficTicker>;
