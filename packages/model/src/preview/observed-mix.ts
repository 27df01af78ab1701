import { canonicalRevision, canonicalService, type Workload } from '../resources/kube';
import type { MeshSnapshot } from '../resources/snapshot';
import type { EdgeLabels, RequestSample, TrafficWindow } from '../traffic/samples';

/*
 * The observed mix: what the last window says about demand and about each workload, in the form the
 * preview pushes through a candidate config. Istio's metrics carry no paths or headers, so demand is
 * known per caller and Service (a "call"), with the outcome it had (which workload answered, or which
 * code the caller's sidecar answered itself); the share of each request class behind it is inferred
 * later (./request-classes). Per workload: what it serves (every attempt and mirrored copy, as its own
 * sidecar reports) and what it sends on per request it serves (its fan-out along the call graph).
 */

export interface Peer {
  namespace: string;
  workload: string;
  canonical: string;
  revision: string;
}

export const peerKey = (p: Pick<Peer, 'namespace' | 'workload'>): string => `${p.namespace}/${p.workload}`;

export interface ObservedCall {
  source: Peer;
  /** The caller reports source-side (a sidecar or gateway): its final outcomes are what it saw. */
  sourceReports: boolean;
  /** Service FQDN, name, namespace as Istio labels them. */
  service: string;
  serviceName: string;
  serviceNamespace: string;
  protocol: 'http' | 'grpc' | 'tcp';
  /** Requests (connections for TCP) per second as the client sent them, retries not counted. */
  rps: number;
  /** Outcome key ("w:ns/workload" or "r:<code>" for replies no workload gave) -> rps. */
  outcomes: Map<string, number>;
  /** Failed requests (5xx or no response) per second, as the client saw them. */
  failedRps: number;
}

export interface ObservedWorkload {
  peer: Peer;
  /** Attempts served per second (destination-reported: retries and mirrored copies included). */
  servedRps: number;
  /** Served attempts answered with 5xx or no response, per second, by code. */
  failedByCode: Map<string, number>;
  /** TCP: bytes per connection (sent by the server, received by it). */
  tcpBytesPerConnection?: { sent: number; received: number };
  /** Latency p95 of what it served, ms. */
  p95Ms?: number;
}

export interface ObservedMix {
  timestamp: string;
  window: string;
  calls: ObservedCall[];
  workloads: Map<string, ObservedWorkload>;
  /**
   * Requests from callers Istio could not name (no sidecar, outside the mesh): no routing request can
   * be made for them, so the preview keeps them as observed.
   */
  unattributed: RequestSample[];
}

const isFailureCode = (code: string, grpc: string | undefined): boolean =>
  code === '0' || Number(code) >= 500 || (grpc !== undefined && grpc !== '' && grpc !== '0');

function sourcePeer(l: EdgeLabels): Peer {
  return {
    namespace: l.sourceWorkloadNamespace,
    workload: l.sourceWorkload,
    canonical: l.sourceCanonicalService,
    revision: l.sourceCanonicalRevision,
  };
}

function destinationPeer(l: EdgeLabels): Peer {
  return {
    namespace: l.destinationWorkloadNamespace,
    workload: l.destinationWorkload,
    canonical: l.destinationCanonicalService,
    revision: l.destinationCanonicalRevision,
  };
}

export function peerOfWorkload(w: Workload): Peer {
  return { namespace: w.namespace, workload: w.name, canonical: canonicalService(w), revision: canonicalRevision(w) };
}

const callKey = (l: EdgeLabels) =>
  `${l.sourceWorkloadNamespace}/${l.sourceWorkload}>${l.destinationService}|${l.requestProtocol}`;

function addCall(
  calls: Map<string, ObservedCall>,
  l: EdgeLabels,
  sourceReports: boolean,
  rps: number,
  outcome: string,
  failed: boolean,
) {
  const key = callKey(l);
  let c = calls.get(key);
  if (!c) {
    c = {
      source: sourcePeer(l),
      sourceReports,
      service: l.destinationService,
      serviceName: l.destinationServiceName || (l.destinationService.split('.')[0] ?? ''),
      serviceNamespace: l.destinationServiceNamespace,
      protocol: l.requestProtocol,
      rps: 0,
      outcomes: new Map(),
      failedRps: 0,
    };
    calls.set(key, c);
  }
  c.rps += rps;
  c.outcomes.set(outcome, (c.outcomes.get(outcome) ?? 0) + rps);
  if (failed) c.failedRps += rps;
}

function workloadEntry(out: Map<string, ObservedWorkload>, peer: Peer): ObservedWorkload {
  const key = peerKey(peer);
  let w = out.get(key);
  if (!w) out.set(key, (w = { peer, servedRps: 0, failedByCode: new Map() }));
  return w;
}

/**
 * Demand per call: source-reported where the caller reports (what it saw, aborts and sidecar replies
 * included), destination-reported for callers without a sidecar. Mirrored copies are only ever
 * destination-reported, so a caller that reports source-side never counts them as demand.
 */
function requestCalls(requests: readonly RequestSample[]): Map<string, ObservedCall> {
  const reporting = new Set(
    requests.filter((r) => r.reporter === 'source').map((r) => `${r.sourceWorkloadNamespace}/${r.sourceWorkload}`),
  );
  const calls = new Map<string, ObservedCall>();
  for (const r of requests) {
    if (!r.sourceWorkload) continue;
    const reports = reporting.has(`${r.sourceWorkloadNamespace}/${r.sourceWorkload}`);
    if ((r.reporter === 'source') !== reports) continue;
    const outcome = r.destinationWorkload
      ? `w:${r.destinationWorkloadNamespace}/${r.destinationWorkload}`
      : `r:${r.responseCode}`;
    addCall(calls, r, reports, r.rps, outcome, isFailureCode(r.responseCode, r.grpcResponseStatus));
  }
  return calls;
}

/** The observed mix of a traffic window. */
export function observedMix(window: TrafficWindow): ObservedMix {
  const calls = requestCalls(window.requests);
  const workloads = new Map<string, ObservedWorkload>();
  for (const r of window.requests) {
    if (r.reporter !== 'destination' || !r.destinationWorkload) continue;
    const w = workloadEntry(workloads, destinationPeer(r));
    w.servedRps += r.rps;
    if (isFailureCode(r.responseCode, r.grpcResponseStatus)) {
      // gRPC failures travel as HTTP 200 with a status: the preview's codes carry both ("200:14").
      const grpc = r.grpcResponseStatus;
      const code = grpc === undefined || grpc === '' ? r.responseCode : `${r.responseCode}:${grpc}`;
      w.failedByCode.set(code, (w.failedByCode.get(code) ?? 0) + r.rps);
    }
  }
  const p95Weights = new Map<string, { sum: number; weight: number }>();
  for (const l of window.latencies) {
    if (l.reporter !== 'destination' || !l.destinationWorkload) continue;
    const key = `${l.destinationWorkloadNamespace}/${l.destinationWorkload}`;
    const e = p95Weights.get(key) ?? { sum: 0, weight: 0 };
    e.sum += l.p95Ms;
    e.weight += 1;
    p95Weights.set(key, e);
  }
  for (const [key, e] of p95Weights) {
    const w = workloads.get(key);
    if (w) w.p95Ms = e.sum / e.weight;
  }
  const tcpCalls = new Map<string, ObservedCall>();
  for (const t of window.tcp) {
    if (t.reporter !== 'destination' || !t.sourceWorkload) continue;
    const outcome = t.destinationWorkload ? `w:${t.destinationWorkloadNamespace}/${t.destinationWorkload}` : 'r:0';
    addCall(tcpCalls, t, false, t.connectionsOpenedPerSec, outcome, !t.destinationWorkload);
    if (!t.destinationWorkload) continue;
    const w = workloadEntry(workloads, destinationPeer(t));
    w.servedRps += t.connectionsOpenedPerSec;
    const prev = w.tcpBytesPerConnection ?? { sent: 0, received: 0 };
    // Summed as bytes/s here; divided by connections below.
    w.tcpBytesPerConnection = { sent: prev.sent + t.sentBytesPerSec, received: prev.received + t.receivedBytesPerSec };
  }
  for (const w of workloads.values()) {
    if (w.tcpBytesPerConnection && w.servedRps > 0) {
      w.tcpBytesPerConnection = {
        sent: w.tcpBytesPerConnection.sent / w.servedRps,
        received: w.tcpBytesPerConnection.received / w.servedRps,
      };
    }
  }
  return {
    timestamp: window.timestamp,
    window: window.window,
    calls: [...calls.values(), ...tcpCalls.values()],
    workloads,
    unattributed: window.requests.filter((r) => !r.sourceWorkload),
  };
}

/** Labels for a workload seen nowhere in the window (a version that takes traffic only under the candidate). */
export function peerFor(snapshot: MeshSnapshot, namespace: string, workload: string): Peer {
  const w = snapshot.workloads.find((x) => x.namespace === namespace && x.name === workload);
  return w ? peerOfWorkload(w) : { namespace, workload, canonical: workload, revision: 'latest' };
}
