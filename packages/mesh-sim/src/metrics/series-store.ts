import { DURATION_BUCKETS_MS, BYTES_BUCKETS, type Observations } from './buckets';
import { edgeKey, type Edge } from './identity';

/*
 * Cumulative series since start, exactly what a sidecar's /stats/prometheus exposes: counters
 * only grow, histograms keep per-bucket counts (made cumulative when written out).
 */

export interface RequestOutcomeLabels {
  code: string;
  /** "" for plain HTTP, the gRPC status code as text for gRPC. */
  grpc: string;
  /** "-" when none. */
  flags: string;
}

export interface RequestSeries extends RequestOutcomeLabels {
  edge: Edge;
  requests: number;
  duration: Observations;
  requestBytes: Observations;
  responseBytes: Observations;
}

export interface TcpSeries {
  edge: Edge;
  opened: number;
  closed: number;
  sent: number;
  received: number;
}

export interface RequestRecord extends RequestOutcomeLabels {
  edge: Edge;
  count: number;
  duration: Observations;
  requestBytes: Observations;
  responseBytes: Observations;
}

export interface TcpRecord {
  edge: Edge;
  opened: number;
  closed: number;
  sent: number;
  received: number;
}

function emptyObs(bounds: readonly number[]): Observations {
  return { counts: new Array<number>(bounds.length + 1).fill(0), sum: 0, count: 0 };
}

export function addObs(into: Observations, from: Observations): void {
  for (let i = 0; i < from.counts.length; i++) into.counts[i] = (into.counts[i] ?? 0) + (from.counts[i] ?? 0);
  into.sum += from.sum;
  into.count += from.count;
}

export function requestSeriesKey(edge: Edge, o: RequestOutcomeLabels): string {
  return `${edgeKey(edge)}|${o.code}|${o.grpc}|${o.flags}`;
}

export class SeriesStore {
  readonly requests = new Map<string, RequestSeries>();
  readonly tcp = new Map<string, TcpSeries>();

  addRequests(r: RequestRecord): string {
    const key = requestSeriesKey(r.edge, r);
    let s = this.requests.get(key);
    if (!s) {
      s = {
        edge: r.edge,
        code: r.code,
        grpc: r.grpc,
        flags: r.flags,
        requests: 0,
        duration: emptyObs(DURATION_BUCKETS_MS),
        requestBytes: emptyObs(BYTES_BUCKETS),
        responseBytes: emptyObs(BYTES_BUCKETS),
      };
      this.requests.set(key, s);
    }
    s.requests += r.count;
    addObs(s.duration, r.duration);
    addObs(s.requestBytes, r.requestBytes);
    addObs(s.responseBytes, r.responseBytes);
    return key;
  }

  addTcp(r: TcpRecord): string {
    const key = edgeKey(r.edge);
    let s = this.tcp.get(key);
    if (!s) {
      s = { edge: r.edge, opened: 0, closed: 0, sent: 0, received: 0 };
      this.tcp.set(key, s);
    }
    s.opened += r.opened;
    s.closed += r.closed;
    s.sent += r.sent;
    s.received += r.received;
    return key;
  }
}
