import type { HistorySelection, SelectionLabel } from './history';
import { TCP_METRIC_LABEL, regexLiteral, stringLiteral, type MetricNames } from './promql';

/*
 * PromQL of metrics over time (./history): per selection three range queries, aggregated by the
 * selection's series label in Prometheus (so a thousand pods still come back as one series per
 * version): request rates by response code, duration bucket rates by `le`, TCP bytes sent/received.
 */

const PROM_LABEL: Record<SelectionLabel, string> = {
  sourceWorkload: 'source_workload',
  sourceWorkloadNamespace: 'source_workload_namespace',
  sourceCanonicalService: 'source_canonical_service',
  sourceCanonicalRevision: 'source_canonical_revision',
  destinationService: 'destination_service',
  destinationServiceName: 'destination_service_name',
  destinationServiceNamespace: 'destination_service_namespace',
  destinationWorkload: 'destination_workload',
  destinationWorkloadNamespace: 'destination_workload_namespace',
  destinationCanonicalService: 'destination_canonical_service',
  destinationCanonicalRevision: 'destination_canonical_revision',
};

/** The Prometheus label a selection groups its series by. */
export function groupLabel(s: HistorySelection): string {
  return PROM_LABEL[s.groupBy];
}

export function selectionMatchers(s: HistorySelection): string {
  const parts = [`reporter="${s.reporter}"`];
  for (const [key, want] of Object.entries(s.match)) {
    const label = PROM_LABEL[key as SelectionLabel];
    if (typeof want === 'string') parts.push(`${label}="${stringLiteral(want)}"`);
    else {
      const values = want as readonly string[];
      // An empty list selects nothing; `=~""` would select series without the label instead.
      parts.push(values.length ? `${label}=~"${values.map(regexLiteral).join('|')}"` : `${label}="\\u0000none"`);
    }
  }
  return parts.join(',');
}

export function historyQueries(metrics: MetricNames, s: HistorySelection, window: string) {
  const by = groupLabel(s);
  const sel = selectionMatchers(s);
  const rate = (metric: string) => `rate(${metric}{${sel}}[${window}])`;
  const tcp = (tag: string, metric: string) =>
    `label_replace(sum by (${by}) (${rate(metric)}), "${TCP_METRIC_LABEL}", "${tag}", "", "")`;
  return {
    requests: `sum by (${by}, response_code, grpc_response_status) (${rate(metrics.requests)})`,
    buckets: `sum by (${by}, le) (${rate(metrics.durationBucket)})`,
    tcp: `${tcp('sent', metrics.tcpSent)} or ${tcp('received', metrics.tcpReceived)}`,
  };
}
