import type { TrafficWindow, Workload } from '@sluice/model';
import type { MirrorTargets } from '../samples/mirror-targets';
import { chooseReporters, isError, serviceHostOf, type Outcome } from '../samples/reporter-choice';
import { hasFlag, type NormalisedLabels } from '../samples/sample-keys';
import { chooseLatencies, chooseTcp } from '../samples/series-choice';

/*
 * The observed split of one service over a window: per version overall and per calling workload.
 * Numbers come from the graph's reporter choice, so they agree with the graph's edges: what the
 * clients saw (retries and mirrored copies excluded). Requests that reached no version are kept
 * apart, by why, exactly as the graph keeps them on the client -> service edge:
 * - fault_abort: injected aborts (response_flags FI). Envoy's fault filter answers before the
 *   router picks an upstream, so Istio reports them with no destination version; charging them to
 *   a version would invent a number the metrics do not hold.
 * - local_reply: answered by the caller's sidecar itself (a redirect, a direct response, no route).
 * - no_upstream: no healthy upstream or no connection (UH, NC, UF, ...).
 */

export interface VersionTally {
  version: string;
  rps: number;
  errorRps: number;
  latencySum: number;
  latencyWeight: number;
}

export type UnroutedReason = 'fault_abort' | 'local_reply' | 'no_upstream';

export interface ObservedTally {
  protocol: 'http' | 'grpc' | 'tcp' | undefined;
  overall: Map<string, VersionTally>;
  unrouted: Map<UnroutedReason, { rps: number; errorRps: number }>;
  bySource: Map<string, { source: string; sourceNamespace: string; versions: Map<string, VersionTally> }>;
}

export interface ObservedInput {
  traffic: TrafficWindow;
  host: string;
  /** Further destination hosts counted as this service's (the backend Services of its Gateway API routes). */
  alsoHosts?: ReadonlySet<string>;
  mirrors: MirrorTargets;
  /** The version a destination workload serves (its version label), or undefined when not in the snapshot. */
  versionOf: (ns: string, workload: string) => string | undefined;
}

export function tallyObserved({ traffic, host, alsoHosts, mirrors, versionOf }: ObservedInput): ObservedTally {
  const tally: ObservedTally = { protocol: undefined, overall: new Map(), unrouted: new Map(), bySource: new Map() };
  const ofHost = (l: NormalisedLabels) => {
    const h = serviceHostOf(l);
    return h === host || (alsoHosts?.has(h) ?? false);
  };
  const version = (l: NormalisedLabels) =>
    l.destinationWorkload
      ? (versionOf(l.destinationWorkloadNamespace, l.destinationWorkload) ??
        (l.destinationCanonicalRevision || 'unknown'))
      : 'unknown';
  const latencies = chooseLatencies(traffic.latencies);
  for (const hop of chooseReporters(traffic.requests, mirrors)) {
    if (!ofHost(hop.labels) || hop.live.length === 0) continue;
    tally.protocol ??= hop.labels.requestProtocol === 'grpc' ? 'grpc' : 'http';
    if (!hop.labels.destinationWorkload) {
      for (const o of hop.live) {
        const reason = unroutedReason(o);
        const t = tally.unrouted.get(reason) ?? { rps: 0, errorRps: 0 };
        t.rps += o.rps;
        if (isError(o)) t.errorRps += o.rps;
        tally.unrouted.set(reason, t);
      }
      continue;
    }
    add(tally, hop.labels, version(hop.labels), hop.live, latencies.get(hop.labels.key));
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

/** Why a request reached no version (see the header). */
export function unroutedReason(o: Outcome): UnroutedReason {
  if (hasFlag(o.responseFlags, 'FI')) return 'fault_abort';
  const code = Number(o.responseCode);
  if (hasFlag(o.responseFlags, 'NR') || (code >= 200 && code < 400)) return 'local_reply';
  return 'no_upstream';
}

/** The version label of a workload (Istio's canonical revision falls back the same way). */
export function workloadVersion(w: Workload | undefined): string | undefined {
  return w?.labels.version ?? w?.labels['service.istio.io/canonical-revision'];
}
