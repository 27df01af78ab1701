import {
  observedMix,
  predictTraffic,
  snapshotFromManifests,
  type MeshSnapshot,
  type PredictOptions,
  type RequestSample,
  type TrafficPrediction,
  type TrafficWindow,
} from '@sluice/model';
import { createStaticConfigSource } from '../config/config-source';
import { createSimulator } from '../engine/simulator';
import { loadScenarioManifests } from '../scenarios/load-manifests';
import type { ScenarioProfile } from '../scenarios/profile-types';

/*
 * Test kit for the traffic preview against the simulator's ground truth: observe a scenario under its
 * current config, predict a candidate config from that window, then run the candidate for real (another
 * seed) and compare per hop as the caller saw it.
 */

export const RUN_MS = 300_000;

export function observe(snapshot: MeshSnapshot, profiles: readonly ScenarioProfile[], seed: number): TrafficWindow {
  const sim = createSimulator({ seed, clock: { now: () => 0 }, profiles, config: createStaticConfigSource(snapshot) });
  sim.advance(RUN_MS);
  return sim.query(RUN_MS / 1000);
}

export function scenario(namespaces: readonly string[]): MeshSnapshot {
  return snapshotFromManifests(loadScenarioManifests(namespaces));
}

export interface Comparison {
  prediction: TrafficPrediction;
  observedNow: TrafficWindow;
  truth: TrafficWindow;
}

export function predictAndRun(
  current: MeshSnapshot,
  candidate: MeshSnapshot,
  profiles: readonly ScenarioProfile[],
  options: PredictOptions = {},
): Comparison {
  const observedNow = observe(current, profiles, 7);
  const prediction = predictTraffic({ current, candidate }, observedMix(observedNow), options);
  const truth = observe(candidate, profiles, 99);
  return { prediction, observedNow, truth };
}

export interface HopRate {
  rps: number;
  errorRps: number;
}

const isError = (r: RequestSample) =>
  r.responseCode === '0' ||
  Number(r.responseCode) >= 400 ||
  (r.grpcResponseStatus !== undefined && r.grpcResponseStatus !== '' && r.grpcResponseStatus !== '0');

/** Requests per second per "source>service>destination workload" as `reporter` saw them. */
export function hopRates(requests: readonly RequestSample[], reporter: 'source' | 'destination'): Map<string, HopRate> {
  const out = new Map<string, HopRate>();
  for (const r of requests) {
    if (r.reporter !== reporter) continue;
    const key = `${r.sourceWorkload}>${r.destinationServiceName}>${r.destinationWorkload || '-'}`;
    const e = out.get(key) ?? { rps: 0, errorRps: 0 };
    e.rps += r.rps;
    if (isError(r)) e.errorRps += r.rps;
    out.set(key, e);
  }
  return out;
}

/** Sum of hop rates whose key starts with `prefix` ("productpage-v1>reviews>"). */
export function sumPrefix(m: Map<string, HopRate>, prefix: string): HopRate {
  let rps = 0;
  let errorRps = 0;
  for (const [k, v] of m) {
    if (!k.startsWith(prefix)) continue;
    rps += v.rps;
    errorRps += v.errorRps;
  }
  return { rps, errorRps };
}

/** |predicted - actual| share within `sigmas` binomial standard deviations of the actual run (n requests). */
export function shareClose(predicted: number, actual: number, n: number, sigmas = 4): boolean {
  const p = Math.min(0.999, Math.max(0.001, actual));
  return Math.abs(predicted - actual) <= sigmas * Math.sqrt((p * (1 - p)) / n) + 0.005;
}

/** Rates over `seconds`: within `sigmas` Poisson standard deviations of the larger of the two. */
export function poissonClose(predicted: number, actual: number, seconds: number, sigmas = 4): boolean {
  return Math.abs(predicted - actual) <= sigmas * Math.sqrt(Math.max(predicted, actual) / seconds) + 1e-6;
}

/** Rates: within `rel` relative or `abs` absolute. */
export function rateClose(predicted: number, actual: number, rel = 0.1, abs = 0.05): boolean {
  return Math.abs(predicted - actual) <= Math.max(abs, rel * actual);
}
