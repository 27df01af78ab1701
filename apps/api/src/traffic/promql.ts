/*
 * The PromQL Sluice runs against Istio's standard metrics. They are written for a real Istio +
 * Prometheus (the simulator emits the same names and labels), so nothing here knows about the demo.
 *
 * Prometheus 2.x cannot OR two label matchers inside one selector, so "source or destination in
 * these namespaces" is two selectors joined with `or`; a hop inside the namespaces matches both and
 * `or` keeps it once (same label set).
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

/** RE2 escape for a literal inside a PromQL regex matcher (itself inside a double-quoted string). */
function regexLiteral(text: string): string {
  return text
    .replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"');
}

function selectors(metric: string, namespaces: readonly string[], window: string): string[] {
  const ns = namespaces.map(regexLiteral).join('|');
  const reporter = 'reporter=~"source|destination"';
  return ['source_workload_namespace', 'destination_service_namespace'].map(
    (label) => `rate(${metric}{${reporter},${label}=~"${ns}"}[${window}])`,
  );
}

function sumBy(labels: readonly string[], metric: string, namespaces: readonly string[], window: string): string {
  return selectors(metric, namespaces, window)
    .map((s) => `sum by (${labels.join(', ')}) (${s})`)
    .join(' or ');
}

export interface TrafficQueries {
  requests: string;
  p95: string;
  p99: string;
  tcpSent: string;
  tcpReceived: string;
  tcpOpened: string;
}

export function trafficQueries(namespaces: readonly string[], window: string): TrafficQueries {
  const quantile = (q: number) =>
    `histogram_quantile(${q}, ${sumBy(['le', ...EDGE_LABELS], 'istio_request_duration_milliseconds_bucket', namespaces, window)})`;
  return {
    requests: sumBy(REQUEST_LABELS, 'istio_requests_total', namespaces, window),
    p95: quantile(0.95),
    p99: quantile(0.99),
    tcpSent: sumBy(EDGE_LABELS, 'istio_tcp_sent_bytes_total', namespaces, window),
    tcpReceived: sumBy(EDGE_LABELS, 'istio_tcp_received_bytes_total', namespaces, window),
    tcpOpened: sumBy(EDGE_LABELS, 'istio_tcp_connections_opened_total', namespaces, window),
  };
}
