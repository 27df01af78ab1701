import type { RequestSample, TrafficWindow } from '@sluice/model';
import { pino } from 'pino';
import { createApp, type AppDeps, type SluiceApp } from '../app';
import { createDemoStore } from '../cluster/demo-store';
import type { MemoryStoreOptions } from '../cluster/memory-store';
import { AppError } from '../errors/app-error';
import { stepEnds, type HistoryAnswer, type HistoryRequest } from '../traffic/history';
import type { TrafficSource } from '../traffic/traffic-source';

/* Shared setup of the HTTP tests: the demo store, a scripted traffic source, a silent logger. */

const edge = (
  from: string,
  to: string,
  version: string,
  rps: number,
  reporter: 'source' | 'destination',
): RequestSample => ({
  reporter,
  sourceWorkload: `${from}-v1`,
  sourceWorkloadNamespace: 'bookinfo',
  sourceCanonicalService: from,
  sourceCanonicalRevision: 'v1',
  destinationService: `${to}.bookinfo.svc.cluster.local`,
  destinationServiceName: to,
  destinationServiceNamespace: 'bookinfo',
  destinationWorkload: `${to}-${version}`,
  destinationWorkloadNamespace: 'bookinfo',
  destinationCanonicalService: to,
  destinationCanonicalRevision: version,
  requestProtocol: 'http',
  responseCode: '200',
  responseFlags: '-',
  rps,
});

/** A small window: productpage -> reviews v1 (and details), both reporters, as Istio reports them. */
export function sampleWindow(): TrafficWindow {
  const requests = (['source', 'destination'] as const).flatMap((r) => [
    edge('productpage', 'reviews', 'v1', 5, r),
    edge('productpage', 'details', 'v1', 5, r),
  ]);
  return { timestamp: new Date().toISOString(), window: '30s', requests, latencies: [], tcp: [] };
}

export function fakeTraffic(
  options: { down?: boolean; window?: () => TrafficWindow } = {},
): TrafficSource & { down: boolean } {
  const source = {
    kind: 'simulated' as const,
    down: options.down ?? false,
    async query(_namespaces: string[], window: string): Promise<TrafficWindow> {
      if (source.down)
        throw new AppError('unavailable', 'Prometheus at http://127.0.0.1:1 unreachable: connect ECONNREFUSED');
      return { ...(options.window ?? sampleWindow)(), window };
    },
    /** No traffic at any step (a mesh that is up and quiet). */
    async history(req: HistoryRequest): Promise<HistoryAnswer> {
      if (source.down) throw new AppError('unavailable', 'Prometheus at http://127.0.0.1:1 unreachable');
      const timestamps = stepEnds(Math.floor(Date.now() / 1000), req.stepSeconds, req.points);
      const empty = () => req.selections.map(() => ({ requests: [], buckets: [], tcp: [] }));
      return { timestamps, steps: timestamps.map(empty), rateWindow: `${req.stepSeconds}s` };
    },
    async ping() {
      return !source.down;
    },
  };
  return source;
}

export interface TestApp {
  app: SluiceApp;
  deps: AppDeps;
}

export function testApp(overrides: Partial<AppDeps> = {}, storeOptions: MemoryStoreOptions = {}): TestApp {
  const deps: AppDeps = {
    store: createDemoStore(storeOptions),
    traffic: fakeTraffic(),
    config: { readOnly: false },
    logger: pino({ level: 'silent' }),
    trafficIntervalMs: 100,
    heartbeatMs: 50,
    ...overrides,
  };
  return { app: createApp(deps), deps };
}
