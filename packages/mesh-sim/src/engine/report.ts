import type { Reporter } from '@sluice/model';
import { BYTES_BUCKETS, DURATION_BUCKETS_MS, observeSpread, observeValue } from '../metrics/buckets';
import type { PeerIdentity, Protocol, ServiceIdentity } from '../metrics/identity';
import type { FlowContext, Outcome, Spread } from './flow-context';

/* One place that turns what happened into Istio request metrics, for either reporter. */

export interface Reported extends Outcome {
  spread?: Spread;
  requestBytes: number;
  responseBytes: number;
}

export interface ReportEdge {
  reporter: Reporter;
  source: PeerIdentity;
  service: ServiceIdentity;
  destination: PeerIdentity;
  protocol: Protocol;
}

export function report(ctx: FlowContext, edge: ReportEdge, r: Reported): void {
  if (r.count <= 0) return;
  const duration =
    r.count > 1 && r.spread
      ? observeSpread(ctx.rng, DURATION_BUCKETS_MS, r.spread.dist, r.spread.shift, r.count)
      : observeValue(DURATION_BUCKETS_MS, r.latencyMs, r.count);
  ctx.recorder.requests(
    {
      edge: edge,
      code: String(r.code),
      grpc: edge.protocol === 'grpc' ? r.grpc : '',
      flags: r.flags,
      count: r.count,
      duration,
      requestBytes: observeValue(BYTES_BUCKETS, r.requestBytes, r.count),
      responseBytes: observeValue(BYTES_BUCKETS, r.responseBytes, r.count),
    },
    ctx.nowMs,
  );
}
