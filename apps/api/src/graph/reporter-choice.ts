import type { RequestSample } from '@sluice/model';
import { workloadKey } from './mesh-index';
import type { MirrorTargets } from './mirror-targets';
import { hasFlag, hopKey, normaliseLabels, type NormalisedLabels } from './sample-keys';

/*
 * Reporter choice, as Kiali does it. Every hop between two sidecars is reported twice: by the client
 * proxy (reporter="source") and by the server proxy (reporter="destination"). Per hop (same source
 * workload, destination service, destination workload, protocol):
 *
 * - Destination-reported numbers win when both exist: they are what the workload really served.
 * - Source-only outcomes are added on top, because the destination never saw them:
 *   injected aborts (response_flags FI: the client proxy answers itself).
 * - Timeouts (UT, the client gives up and answers 504) did reach the destination, which counted
 *   them under whatever it eventually answered. The source's UT count replaces that many of the
 *   destination's requests (scaled down evenly) so nothing is counted twice.
 * - Hops with no destination-reported series at all (destination_workload unknown: no healthy
 *   upstream, a server without a sidecar, a fault before routing) come from the source side alone.
 *
 * Mirrors: Envoy reports a mirrored copy only at the destination (the client's source_workload, the
 * mirror host's service), never at the source. So on a hop whose destination workload config names
 * as a mirror target (see ./mirror-targets), destination requests beyond what the source reported
 * live are the mirrored copies, provided the client is known to report source-side at all (it has a
 * sidecar: some source-reported series of it exists in the window); otherwise all of a hop's traffic
 * is live. Known limit: retries are seen once per attempt at the destination, so a retried hop that
 * is also a mirror target shows its extra attempts as mirrored.
 */

/** One response class of a hop; request samples are used as they are (no copy per sample). */
export type Outcome = Pick<RequestSample, 'responseCode' | 'responseFlags' | 'grpcResponseStatus' | 'rps'>;

export interface HopRequests {
  labels: NormalisedLabels;
  live: Outcome[];
  mirrored: Outcome[];
}

/** Below this fraction of a hop's destination rps, a source/destination difference is noise, not a mirror. */
const MIRROR_NOISE = 0.02;

export function chooseReporters(samples: readonly RequestSample[], mirrors: MirrorTargets): HopRequests[] {
  const hops = new Map<string, { labels: NormalisedLabels; src: Outcome[]; dst: Outcome[] }>();
  const reportsSourceSide = new Set<string>();
  for (const s of samples) {
    const key = hopKey(s);
    let hop = hops.get(key);
    if (!hop) hops.set(key, (hop = { labels: normaliseLabels(s), src: [], dst: [] }));
    if (s.reporter === 'source') {
      hop.src.push(s);
      reportsSourceSide.add(workloadKey(hop.labels.sourceWorkloadNamespace, hop.labels.sourceWorkload));
    } else hop.dst.push(s);
  }
  const out: HopRequests[] = [];
  for (const { labels, src, dst } of hops.values()) {
    if (dst.length === 0) {
      out.push({ labels, live: src, mirrored: [] });
      continue;
    }
    const injected = src.filter((o) => hasFlag(o.responseFlags, 'FI'));
    const timedOut = src.filter((o) => !hasFlag(o.responseFlags, 'FI') && hasFlag(o.responseFlags, 'UT'));
    const srcReached = total(src) - total(injected);
    const dstTotal = total(dst);
    const mirrorCandidate =
      reportsSourceSide.has(workloadKey(labels.sourceWorkloadNamespace, labels.sourceWorkload)) &&
      mirrors.isTarget(
        serviceHostOf(labels),
        workloadKey(labels.destinationWorkloadNamespace, labels.destinationWorkload),
      );
    const extra = mirrorCandidate ? dstTotal - srcReached : 0;
    const mirroredRps = extra > MIRROR_NOISE * dstTotal ? extra : 0;
    const liveDst = scale(dst, (dstTotal - mirroredRps) / dstTotal);
    const liveTotal = dstTotal - mirroredRps;
    const utTotal = Math.min(total(timedOut), liveTotal);
    const live = [...scale(liveDst, liveTotal > 0 ? (liveTotal - utTotal) / liveTotal : 0), ...timedOut, ...injected];
    out.push({ labels, live, mirrored: mirroredRps > 0 ? scale(dst, mirroredRps / dstTotal) : [] });
  }
  return out;
}

export function serviceHostOf(l: NormalisedLabels): string {
  if (l.destinationService.includes('.')) return l.destinationService;
  return `${l.destinationServiceName || l.destinationService}.${l.destinationServiceNamespace}.svc.cluster.local`;
}

export function total(outcomes: readonly Outcome[]): number {
  let sum = 0;
  for (const o of outcomes) sum += o.rps;
  return sum;
}

function scale(outcomes: readonly Outcome[], factor: number): Outcome[] {
  if (factor === 1) return [...outcomes];
  return outcomes.map((o) => ({ ...o, rps: o.rps * factor })).filter((o) => o.rps > 0);
}

/** 4xx, 5xx, no response ("0"), or a gRPC status other than OK. Injected aborts carry their code and count too. */
export function isError(o: Outcome): boolean {
  const code = Number(o.responseCode);
  if (!o.responseCode || !Number.isFinite(code) || code === 0 || code >= 400) return true;
  const grpc = o.grpcResponseStatus;
  return grpc !== undefined && grpc !== '' && grpc !== '0';
}

/** The responses key of an outcome: its HTTP code, "0" when there was no response. */
export const codeOf = (o: Outcome): string => o.responseCode || '0';
