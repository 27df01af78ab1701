import type { TrafficWindow } from '@sluice/model';
import type { HistoryAnswer, HistoryRequest } from './history';

/*
 * Where traffic samples come from: Prometheus (a real mesh, or the simulator's /metrics scraped by a
 * real Prometheus) or the simulator in-process (demo mode). The graph builder and the service traffic
 * view only ever see the TrafficWindow, so both sources are interchangeable.
 */
export interface TrafficSource {
  readonly kind: 'simulated' | 'prometheus';
  /**
   * Samples over the last `window` (a Prometheus duration such as "30s") for traffic whose source or
   * destination lives in one of `namespaces`. Rejects with an AppError (code "unavailable", see ./errors) when the
   * metrics backend cannot be reached (the error middleware answers 503 'unavailable').
   */
  query(namespaces: string[], window: string): Promise<TrafficWindow>;
  /**
   * Metrics over time: rows per step for each selection (./history). Optional: a backend without
   * history makes the metrics endpoints answer 503 saying so. Rejects like `query`.
   */
  history?(req: HistoryRequest): Promise<HistoryAnswer>;
  /** True when the backend answers; never rejects. */
  ping(): Promise<boolean>;
}
