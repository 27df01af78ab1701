import type { TrafficWindow, Workload } from '@sluice/model';
import type { MirrorTargets } from '../graph/mirror-targets';
import { chooseReporters, codeOf, isError, serviceHostOf, type Outcome } from '../graph/reporter-choice';
import { hasFlag, type NormalisedLabels } from '../graph/sample-keys';
import { chooseLatencies, chooseTcp } from '../graph/series-choice';

/*
 * The observed split of one service over a window: per version overall and per calling workload.
 * Numbers come from the graph's reporter choice, so they agree with the graph's service -> version
 * edges: destination-reported requests, plus source-only failures (injected aborts), mirrored copies
 * excluded. Injected aborts carry no destination workload; they are charged to the versions config
 * says they were meant for (./abort-attribution), else spread like the caller's served requests.
 * Other requests that reached no version (no route, no healthy upstream) stay under "unknown".
 */

export interface VersionTally {
  version: string;
  rps: number;
  errorRps: number;
  latencySum: number;
  latencyWeight: number;
}

export interface ObservedTally {
  protocol: 'http' | 'grpc' | 'tcp' | undefined;
  overall: Map<string, VersionTally>;
  bySource: Map<string, { source: string; sourceNamespace: string; versions: Map<string, VersionTally> }>;
}

export interface ObservedInput {
  traffic: TrafficWindow;
  host: string;
  mirrors: MirrorTargets;
  /** The version a destination workload serves (its version label), or undefined when not in the snapshot. */
  versionOf: (ns: string, workload: string) => string | undefined;
  /** Versions an injected abort with this response code was meant for (shares summing to 1). */
  abortShares: (code: string) => Map<string, number> | undefined;
}

export function tallyObserved({ traffic, host, mirrors, versionOf, abortShares }: ObservedInput): ObservedTally {
  const tally: ObservedTally = { protocol: undefined, overall: new Map(), bySource: new Map() };
  const ofHost = (l: NormalisedLabels) => serviceHostOf(l) === host;
  const version = (l: NormalisedLabels) =>
    l.destinationWorkload
      ? (versionOf(l.destinationWorkloadNamespace, l.destinationWorkload) ??
        (l.destinationCanonicalRevision || 'unknown'))
      : 'unknown';
  const latencies = chooseLatencies(traffic.latencies);
  const unrouted: { labels: NormalisedLabels; outcomes: Outcome[] }[] = [];
  for (const hop of chooseReporters(traffic.requests, mirrors)) {
    if (!ofHost(hop.labels) || hop.live.length === 0) continue;
    tally.protocol ??= hop.labels.requestProtocol === 'grpc' ? 'grpc' : 'http';
    if (!hop.labels.destinationWorkload) {
      unrouted.push({ labels: hop.labels, outcomes: hop.live });
      continue;
    }
    add(tally, hop.labels, version(hop.labels), hop.live, latencies.get(hop.labels.key));
  }
  // Second pass, once the served split is known: charge aborts to versions, the rest to "unknown".
  for (const { labels, outcomes } of unrouted) {
    const served = tally.bySource.get(`${labels.sourceWorkloadNamespace}/${labels.sourceWorkload}`)?.versions;
    for (const o of outcomes) {
      const shares = hasFlag(o.responseFlags, 'FI') ? (abortShares(codeOf(o)) ?? servedShares(served)) : undefined;
      if (!shares) add(tally, labels, 'unknown', [o], undefined);
      else for (const [v, share] of shares) add(tally, labels, v, [{ ...o, rps: o.rps * share }], undefined);
    }
  }
  for (const hop of chooseTcp(traffic.tcp)) {
    if (!ofHost(hop.labels)) continue;
    tally.protocol ??= 'tcp';
    add(
      tally,
      hop.labels,
      version(hop.labels),
      [{ responseCode: '200', responseFlags: '-', rps: hop.connectionsPerSec }],
      undefined,
      false,
    );
  }
  return tally;
}

function add(
  tally: ObservedTally,
  l: NormalisedLabels,
  version: string,
  outcomes: readonly Outcome[],
  p95: number | undefined,
  countErrors = true,
) {
  const sourceKey = `${l.sourceWorkloadNamespace}/${l.sourceWorkload}`;
  let bySource = tally.bySource.get(sourceKey);
  if (!bySource) {
    bySource = {
      source: l.sourceWorkload || 'unknown',
      sourceNamespace: l.sourceWorkloadNamespace || 'unknown',
      versions: new Map(),
    };
    tally.bySource.set(sourceKey, bySource);
  }
  for (const target of [tally.overall, bySource.versions]) {
    const t = target.get(version) ?? { version, rps: 0, errorRps: 0, latencySum: 0, latencyWeight: 0 };
    for (const o of outcomes) {
      t.rps += o.rps;
      if (countErrors && isError(o)) t.errorRps += o.rps;
      if (p95 !== undefined) {
        t.latencySum += p95 * o.rps;
        t.latencyWeight += o.rps;
      }
    }
    target.set(version, t);
  }
}

function servedShares(served: Map<string, VersionTally> | undefined): Map<string, number> | undefined {
  if (!served) return undefined;
  let total = 0;
  for (const t of served.values()) total += t.rps;
  if (total <= 0) return undefined;
  return new Map([...served.values()].map((t) => [t.version, t.rps / total]));
}

/** The version label of a workload (Istio's canonical revision falls back the same way). */
export function workloadVersion(w: Workload | undefined): string | undefined {
  return w?.labels.version ?? w?.labels['service.istio.io/canonical-revision'];
}
