import type { LatencySample, TcpSample } from '@sluice/model';
import { hopKey, normaliseLabels, type NormalisedLabels } from './sample-keys';

/*
 * Reporter choice for the series that are not request counts.
 *
 * Latency: the source side wins. It is what the caller experienced: injected delays (DI) happen in
 * the client proxy and timeouts cut the wait there, so the destination's timing would hide both.
 * The destination's p95 fills in for hops the source does not report (callers without a sidecar).
 *
 * TCP: the destination side wins, as for requests; source-only hops (no server sidecar) fill in.
 */

export function chooseLatencies(samples: readonly LatencySample[]): Map<string, number> {
  return new Map([...chooseLatencyQuantiles(samples)].map(([key, q]) => [key, q.p95Ms]));
}

/** p50 / p95 / p99 of a hop, by the same reporter choice. */
export interface HopLatency {
  p50Ms?: number | undefined;
  p95Ms: number;
  p99Ms?: number | undefined;
}

export function chooseLatencyQuantiles(samples: readonly LatencySample[]): Map<string, HopLatency> {
  const fromSource = new Map<string, HopLatency>();
  const fromDestination = new Map<string, HopLatency>();
  for (const s of samples) {
    const key = hopKey(s);
    (s.reporter === 'source' ? fromSource : fromDestination).set(key, {
      p50Ms: s.p50Ms,
      p95Ms: s.p95Ms,
      p99Ms: s.p99Ms,
    });
  }
  for (const [key, q] of fromSource) fromDestination.set(key, q);
  return fromDestination;
}

export interface TcpHop {
  labels: NormalisedLabels;
  connectionsPerSec: number;
  bytesPerSec: number;
}

export function chooseTcp(samples: readonly TcpSample[]): TcpHop[] {
  const hops = new Map<string, { src?: TcpHop; dst?: TcpHop }>();
  for (const s of samples) {
    const labels = normaliseLabels(s);
    const hop = hops.get(labels.key) ?? {};
    const side = s.reporter === 'source' ? 'src' : 'dst';
    const prev = hop[side];
    hop[side] = {
      labels,
      connectionsPerSec: (prev?.connectionsPerSec ?? 0) + s.connectionsOpenedPerSec,
      bytesPerSec: (prev?.bytesPerSec ?? 0) + s.sentBytesPerSec + s.receivedBytesPerSec,
    };
    hops.set(labels.key, hop);
  }
  const out: TcpHop[] = [];
  for (const { src, dst } of hops.values()) {
    const chosen = dst ?? src;
    if (chosen) out.push(chosen);
  }
  return out;
}
