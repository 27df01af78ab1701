import { parseDurationMs } from '@sluice/model';
import type { Simulator } from '@sluice/mesh-sim';
import { AppError } from '../errors/app-error';
import { metricsUnavailable } from './errors';
import { simulatorHistory } from './simulator-history';
import type { TrafficSource } from './traffic-source';

/*
 * TrafficSource over the in-process simulator (demo mode): the simulator already keeps per-window
 * rates in the model's sample vocabulary, so this only translates the window and the failure mode.
 */
export function createSimulatorSource(sim: Pick<Simulator, 'query' | 'stepRows' | 'now'>): TrafficSource {
  return {
    kind: 'simulated',
    async query(namespaces, window) {
      const ms = parseDurationMs(window);
      if (ms === undefined || ms <= 0)
        throw new AppError('bad_request', `window "${window}" is not a duration such as 30s`);
      try {
        return sim.query(ms / 1000, namespaces);
      } catch (err) {
        throw metricsUnavailable('the simulator could not answer the traffic query', err);
      }
    },
    async history(req) {
      try {
        return simulatorHistory(sim, req);
      } catch (err) {
        throw metricsUnavailable('the simulator could not answer the range query', err);
      }
    },
    ping: async () => true,
  };
}
