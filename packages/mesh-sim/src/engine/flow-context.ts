import type { RequestSource, VersionHealth, Workload } from '@sluice/model';
import type { PeerIdentity, Protocol } from '../metrics/identity';
import type { MetricsRecorder } from '../metrics/recorder';
import type { TcpRecord } from '../metrics/series-store';
import { sampleMultinomial } from '../random/discrete';
import type { LogNormal, Random } from '../random/prng';
import type { ResolvedBehaviour } from './behaviours';
import type { MeshView } from './mesh-view';
import type { UpstreamPolicies } from './upstream-policies';

/*
 * The shared vocabulary of one simulation step. Requests travel in cohorts: `count` identical
 * requests that take the same path. Demo mode sends cohorts of one, so every request is drawn on
 * its own; batched mode (large meshes) sends bigger cohorts and splits them with exact
 * binomial/multinomial draws wherever requests can part ways.
 */

export interface Caller {
  identity: PeerIdentity;
  source: RequestSource;
  /** Namespace short hosts resolve in. */
  namespace: string;
  /** Clients without a sidecar report nothing (the gateway and injected pods do). */
  reports: boolean;
}

export interface Call {
  protocol: Protocol;
  host: string;
  port?: number;
  path: string;
  method: string;
  headers: Record<string, string>;
  requestBytes: number;
}

/** What the caller's application sees for part of a cohort. */
export interface Outcome {
  count: number;
  code: number;
  /** "" for HTTP, the gRPC status as text for gRPC. */
  grpc: string;
  flags: string;
  latencyMs: number;
}

/** How a cohort's latencies spread: `shift + lognormal` when the cohort is larger than one. */
export interface Spread {
  dist: LogNormal;
  shift: number;
}

export interface FlowContext {
  view: MeshView;
  rng: Random;
  recorder: MetricsRecorder;
  nowMs: number;
  behaviour(w: Workload): ResolvedBehaviour;
  /** A demo health override of the workload's version (errors and extra latency of its own), if any. */
  health(w: Workload): VersionHealth | undefined;
  /** Send `count` requests (or TCP connections) from a workload: the call graph's edges. */
  call(caller: Caller, call: Call, count: number, depth: number): Outcome[];
  /** TCP connections close later: the simulator records this at `atMs`. */
  scheduleTcp(atMs: number, record: TcpRecord): void;
  /** Requests per pod, so a test can see replicas share the load. */
  podLoad: Map<string, number>;
  /** DestinationRule connection pools and outlier detection, as the calling proxies keep them. */
  policies: UpstreamPolicies;
}

/** Split n among weighted choices: one draw for a single request, a multinomial for a cohort. */
export function split<T>(rng: Random, n: number, items: readonly T[], weight: (t: T) => number): [T, number][] {
  if (n <= 0 || items.length === 0) return [];
  if (items.length === 1) return [[items[0] as T, n]];
  const weights = items.map(weight);
  if (n === 1) {
    const total = weights.reduce((a, w) => a + Math.max(0, w), 0);
    let r = rng.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= Math.max(0, weights[i] ?? 0);
      if (r < 0) return [[items[i] as T, 1]];
    }
    const lastPositive = weights.findLastIndex((w) => w > 0);
    return lastPositive < 0 ? [] : [[items[lastPositive] as T, 1]];
  }
  const counts = sampleMultinomial(rng, n, weights);
  return items.flatMap((t, i) => ((counts[i] ?? 0) > 0 ? [[t, counts[i] as number] as [T, number]] : []));
}

export function isFailure(o: Pick<Outcome, 'code' | 'grpc'>): boolean {
  return o.code === 0 || o.code >= 500 || (o.grpc !== '' && o.grpc !== '0');
}
