import type { RequestSample } from '@sluice/model';
import { workloadKey } from './mesh-index';
import type { MirrorTargets } from './mirror-targets';
import { hasFlag, hopKey, normaliseLabels, type NormalisedLabels } from './sample-keys';

/*
 * Reporter choice. Every hop between two sidecars is reported twice: by the client proxy
 * (reporter="source") once per request with its final outcome, and by the server proxy
 * (reporter="destination") once per attempt it served. Per hop (same source workload, destination
 * service, destination workload, protocol):
 *
 * - Where the client reports source-side at all (it has a sidecar, or is a gateway: some
 *   source-reported series of it exists in the window), the hop's rate and outcomes are the
 *   source's: what the client saw. Retries are invisible there (one request, its final answer),
 *   injected aborts (FI) and timeouts (UT, 504) are included as the client got them.
 * - What the destination served beyond that is either mirrored copies (the hop's destination
 *   workload is a mirror target in config: Envoy reports a mirrored copy only at the destination)
 *   or retried attempts (everything else): both are kept apart from the live outcomes, never
 *   counted as requests. Seed 003's gateway route retries 5xx: the gateway sent 3.78 rps, all
 *   answered 200 after retries, while the proxy served 4.57 attempts/s, 17 % of them failing.
 * - Clients without a sidecar never report source-side: their hops come from the destination.
 * - Hops with no destination-reported series at all (no workload reached, a server without a
 *   sidecar, a fault before routing) come from the source alone.
 *
 * Known limit: a hop that is both a mirror target and retried shows its extra attempts as mirrored.
 * Retried attempts' response codes are the destination's codes not matched by a final outcome.
 */

/** One response class of a hop; request samples are used as they are (no copy per sample). */
export type Outcome = Pick<RequestSample, 'responseCode' | 'responseFlags' | 'grpcResponseStatus' | 'rps'>;

export interface HopRequests {
  labels: NormalisedLabels;
  /** What the client saw: one outcome per request. */
  live: Outcome[];
  /** Mirrored copies the destination served (never part of the client's traffic). */
  mirrored: Outcome[];
  /** Attempts the destination served beyond the client's requests: retries. */
  retried: Outcome[];
}

/** Below this fraction of a hop's destination rps, a source/destination difference is noise (scrape skew). */
const EXTRA_NOISE = 0.02;

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
    const clientReports = reportsSourceSide.has(workloadKey(labels.sourceWorkloadNamespace, labels.sourceWorkload));
    if (dst.length === 0 || !clientReports) {
      out.push({ labels, live: dst.length === 0 ? src : dst, mirrored: [], retried: [] });
      continue;
    }
    const reached = src.filter((o) => !hasFlag(o.responseFlags, 'FI'));
    const dstTotal = total(dst);
    const extra = dstTotal - total(reached);
    if (extra <= EXTRA_NOISE * dstTotal) {
      out.push({ labels, live: src, mirrored: [], retried: [] });
      continue;
    }
    const mirrorTarget = mirrors.isTarget(
      serviceHostOf(labels),
      workloadKey(labels.destinationWorkloadNamespace, labels.destinationWorkload),
    );
    const beyond = beyondFinal(dst, reached, extra);
    out.push({ labels, live: src, mirrored: mirrorTarget ? beyond : [], retried: mirrorTarget ? [] : beyond });
  }
  return out;
}

/**
 * The destination's outcomes left over once each final outcome the client saw is matched by code,
 * scaled to `extra` (a cut-short try reports 0/DC at the server and 504/UT at the client, so the
 * per-code match is approximate; the total is exact).
 */
function beyondFinal(dst: readonly Outcome[], reached: readonly Outcome[], extra: number): Outcome[] {
  const finalByCode = new Map<string, number>();
  for (const o of reached) finalByCode.set(codeOf(o), (finalByCode.get(codeOf(o)) ?? 0) + o.rps);
  const left: Outcome[] = [];
  for (const o of dst) {
    const code = codeOf(o);
    const matched = Math.min(o.rps, finalByCode.get(code) ?? 0);
    finalByCode.set(code, (finalByCode.get(code) ?? 0) - matched);
    if (o.rps - matched > 0) left.push({ ...o, rps: o.rps - matched });
  }
  const leftTotal = total(left);
  return leftTotal > 0 ? scale(left, extra / leftTotal) : scale(dst, extra / total(dst));
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
