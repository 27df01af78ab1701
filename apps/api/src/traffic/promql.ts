/*
 * The PromQL Sluice runs against Istio's standard metrics. They are written for a real Istio +
 * Prometheus (the simulator emits the same names and labels), so nothing here knows about the demo.
 *
 * The plan (issue 12): per query group three queries - request rates by response code, TCP rates,
 * and the duration bucket rates (quantiles are computed in the API from that one answer, see
 * ./bucket-quantiles). One group per selected namespace (hops INTO it, by destination service
 * namespace) plus one group for hops leaving the selection (source inside, destination outside or
 * unknown): every series is read by exactly one group, so the groups can run in parallel and their
 * answers are simply concatenated. Both reporters are kept; the graph builder chooses per hop.
 *
 * With Istio's recording rules (deploy/prometheus/istio-recording-rules.yml) the same queries read
 * the `workload:`-prefixed series, which have pod/instance labels aggregated away.
 */

/** Labels that identify a hop; the same set for request, latency and TCP queries. */
export const EDGE_LABELS = [
  'reporter',
  'source_workload',
  'source_workload_namespace',
  'source_canonical_service',
  'source_canonical_revision',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'destination_workload',
  'destination_workload_namespace',
  'destination_canonical_service',
  'destination_canonical_revision',
  'request_protocol',
] as const;

export const REQUEST_LABELS = [...EDGE_LABELS, 'response_code', 'response_flags', 'grpc_response_status'] as const;

export interface MetricNames {
  requests: string;
  durationBucket: string;
  tcpSent: string;
  tcpReceived: string;
  tcpOpened: string;
}

export const RAW_METRICS: MetricNames = {
  requests: 'istio_requests_total',
  durationBucket: 'istio_request_duration_milliseconds_bucket',
  tcpSent: 'istio_tcp_sent_bytes_total',
  tcpReceived: 'istio_tcp_received_bytes_total',
  tcpOpened: 'istio_tcp_connections_opened_total',
};

/** Istio's documented recording rules ("Observability best practices") prefix each metric with `workload:`. */
export const RECORDED_METRICS: MetricNames = Object.fromEntries(
  Object.entries(RAW_METRICS).map(([k, v]) => [k, `workload:${v}`]),
) as unknown as MetricNames;

/** The label that marks which TCP metric a row of the combined TCP answer came from. */
export const TCP_METRIC_LABEL = 'sluice_tcp';

/** RE2 escape for a literal inside a PromQL regex matcher (itself inside a double-quoted string). */
export function regexLiteral(text: string): string {
  return text
    .replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"');
}

export function stringLiteral(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** A set of label matchers (without braces) that selects one group's series. */
export interface QueryGroup {
  /** For logs and errors: the namespace, or "outbound". */
  name: string;
  matchers: string;
}

export function queryGroups(namespaces: readonly string[]): QueryGroup[] {
  const unique = [...new Set(namespaces)];
  const inbound = unique.map((ns) => ({
    name: ns,
    matchers: `destination_service_namespace="${stringLiteral(ns)}"`,
  }));
  const any = unique.map(regexLiteral).join('|');
  return [
    ...inbound,
    {
      name: 'outbound',
      matchers: `source_workload_namespace=~"${any}",destination_service_namespace!~"${any}"`,
    },
  ];
}

export interface GroupQueries {
  requests: string;
  latencyBuckets: string;
  tcp: string;
}

export function groupQueries(metrics: MetricNames, group: QueryGroup, window: string): GroupQueries {
  const rate = (metric: string, reporter = 'reporter=~"source|destination"') =>
    `rate(${metric}{${reporter},${group.matchers}}[${window}])`;
  const sumBy = (labels: readonly string[], metric: string, reporter?: string) =>
    `sum by (${labels.join(', ')}) (${rate(metric, reporter)})`;
  // Both reporters' buckets: the graph takes a hop's latency from the source (what the caller saw),
  // but rollout gates read the destination's by default (the canary's own sidecar). Keeping only the
  // source's where it exists halved this answer and left every destination-side p99 empty.
  const tcp = (
    [
      ['sent', metrics.tcpSent],
      ['received', metrics.tcpReceived],
      ['opened', metrics.tcpOpened],
    ] as const
  ).map(([tag, metric]) => `label_replace(${sumBy(EDGE_LABELS, metric)}, "${TCP_METRIC_LABEL}", "${tag}", "", "")`);
  return {
    requests: sumBy(REQUEST_LABELS, metrics.requests),
    latencyBuckets: sumBy(['le', ...EDGE_LABELS], metrics.durationBucket),
    tcp: tcp.join(' or '),
  };
}
