import type { EdgeLabels, LatencySample, RequestSample, TcpSample } from '@sluice/model';
import { bucketQuantile, type Bucket } from './bucket-quantiles';
import { TCP_METRIC_LABEL } from './promql';

/*
 * Prometheus instant-vector results -> the model's samples. Missing labels and Istio's "unknown"
 * both become "" (the model's spelling of unknown), so the graph builder has one case to handle.
 */

export type VectorItem = { metric: Record<string, string>; value: number };

/**
 * Items of a /api/v1/query instant-vector answer; NaN/Inf values (empty histograms, 0/0) are
 * dropped. Throws on any other shape, which the caller reports as an unusable backend.
 */
export function parseVector(body: unknown): VectorItem[] {
  const data = (body as { status?: unknown; data?: { resultType?: unknown; result?: unknown } } | null)?.data;
  if (
    (body as { status?: unknown }).status !== 'success' ||
    data?.resultType !== 'vector' ||
    !Array.isArray(data.result)
  ) {
    throw new Error('not an instant-vector answer');
  }
  const out: VectorItem[] = [];
  for (const r of data.result as { metric?: unknown; value?: unknown }[]) {
    const value = Array.isArray(r.value) ? Number(r.value[1]) : Number.NaN;
    if (Number.isFinite(value) && typeof r.metric === 'object' && r.metric !== null) {
      out.push({ metric: r.metric as Record<string, string>, value });
    }
  }
  return out;
}

export type MatrixItem = { metric: Record<string, string>; values: [number, number][] };

/** Series of a /api/v1/query_range answer, `[epoch seconds, value]` pairs with NaN/Inf dropped. */
export function parseMatrix(body: unknown): MatrixItem[] {
  const data = (body as { status?: unknown; data?: { resultType?: unknown; result?: unknown } } | null)?.data;
  if (
    (body as { status?: unknown }).status !== 'success' ||
    data?.resultType !== 'matrix' ||
    !Array.isArray(data.result)
  )
    throw new Error('not a range-vector answer');
  return (data.result as { metric?: unknown; values?: unknown }[]).flatMap((r) => {
    if (typeof r.metric !== 'object' || r.metric === null || !Array.isArray(r.values)) return [];
    const values = (r.values as unknown[][])
      .map((v): [number, number] => [Number(v[0]), Number(v[1])])
      .filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v));
    return [{ metric: r.metric as Record<string, string>, values }];
  });
}

function label(m: Record<string, string>, name: string): string {
  const v = m[name];
  return v === undefined || v === 'unknown' ? '' : v;
}

function edgeLabels(m: Record<string, string>, fallbackProtocol: 'http' | 'tcp'): EdgeLabels {
  const protocol = label(m, 'request_protocol');
  return {
    reporter: m.reporter === 'source' ? 'source' : 'destination',
    sourceWorkload: label(m, 'source_workload'),
    sourceWorkloadNamespace: label(m, 'source_workload_namespace'),
    sourceCanonicalService: label(m, 'source_canonical_service'),
    sourceCanonicalRevision: label(m, 'source_canonical_revision'),
    destinationService: label(m, 'destination_service'),
    destinationServiceName: label(m, 'destination_service_name'),
    destinationServiceNamespace: label(m, 'destination_service_namespace'),
    destinationWorkload: label(m, 'destination_workload'),
    destinationWorkloadNamespace: label(m, 'destination_workload_namespace'),
    destinationCanonicalService: label(m, 'destination_canonical_service'),
    destinationCanonicalRevision: label(m, 'destination_canonical_revision'),
    requestProtocol: protocol === 'grpc' || protocol === 'http' || protocol === 'tcp' ? protocol : fallbackProtocol,
  };
}

export function toRequestSamples(items: readonly VectorItem[]): RequestSample[] {
  return items
    .filter((i) => i.value > 0)
    .map((i) => {
      const grpc = label(i.metric, 'grpc_response_status');
      return {
        ...edgeLabels(i.metric, 'http'),
        responseCode: label(i.metric, 'response_code') || '0',
        responseFlags: label(i.metric, 'response_flags') || '-',
        ...(grpc ? { grpcResponseStatus: grpc } : {}),
        rps: i.value,
      };
    });
}

/**
 * One answer of `sum by (le, <edge labels>) (rate(..._bucket[w]))` -> p50/p95/p99 per edge and
 * reporter (./bucket-quantiles). Edges without observations in the window give no sample.
 */
export function toLatencySamples(buckets: readonly VectorItem[]): LatencySample[] {
  const byEdge = new Map<string, { metric: Record<string, string>; buckets: Bucket[] }>();
  for (const i of buckets) {
    const le = i.metric.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(i.metric.le);
    if (Number.isNaN(le)) continue;
    const { le: _le, ...edge } = i.metric;
    const key = metricKey(edge);
    let entry = byEdge.get(key);
    if (!entry) {
      entry = { metric: edge, buckets: [] };
      byEdge.set(key, entry);
    }
    entry.buckets.push({ le, count: i.value });
  }
  const out: LatencySample[] = [];
  for (const { metric, buckets: bs } of byEdge.values()) {
    const p95 = bucketQuantile(0.95, bs);
    if (p95 === undefined) continue;
    const p50 = bucketQuantile(0.5, bs);
    const p99 = bucketQuantile(0.99, bs);
    out.push({
      ...edgeLabels(metric, 'http'),
      ...(p50 !== undefined ? { p50Ms: Math.max(0, p50) } : {}),
      p95Ms: Math.max(0, p95),
      ...(p99 !== undefined ? { p99Ms: Math.max(0, p99) } : {}),
    });
  }
  return out;
}

/** The combined TCP answer (rows tagged by TCP_METRIC_LABEL) -> samples. */
export function toTcpSamplesTagged(items: readonly VectorItem[]): TcpSample[] {
  const part = (tag: string) =>
    items
      .filter((i) => i.metric[TCP_METRIC_LABEL] === tag)
      .map((i) => {
        const { [TCP_METRIC_LABEL]: _tag, ...metric } = i.metric;
        return { metric, value: i.value };
      });
  return toTcpSamples(part('sent'), part('received'), part('opened'));
}

/** Joins the three TCP rates on their label set. */
export function toTcpSamples(
  sent: readonly VectorItem[],
  received: readonly VectorItem[],
  opened: readonly VectorItem[],
): TcpSample[] {
  const byKey = new Map<string, TcpSample>();
  const add = (
    items: readonly VectorItem[],
    field: 'sentBytesPerSec' | 'receivedBytesPerSec' | 'connectionsOpenedPerSec',
  ) => {
    for (const i of items) {
      const key = metricKey(i.metric);
      let s = byKey.get(key);
      if (!s) {
        s = { ...edgeLabels(i.metric, 'tcp'), sentBytesPerSec: 0, receivedBytesPerSec: 0, connectionsOpenedPerSec: 0 };
        byKey.set(key, s);
      }
      s[field] += Math.max(0, i.value);
    }
  };
  add(sent, 'sentBytesPerSec');
  add(received, 'receivedBytesPerSec');
  add(opened, 'connectionsOpenedPerSec');
  return [...byKey.values()].filter((s) => s.sentBytesPerSec + s.receivedBytesPerSec + s.connectionsOpenedPerSec > 0);
}

function metricKey(m: Record<string, string>): string {
  return Object.keys(m)
    .sort()
    .map((k) => `${k}=${m[k]}`)
    .join(',');
}
