import { BYTES_BUCKETS, DURATION_BUCKETS_MS, type Observations } from './buckets';
import { edgeKey, edgeLabelPairs, securityPolicy, type Edge } from './identity';
import type { RequestSeries, SeriesStore, TcpSeries } from './series-store';

/* Prometheus text exposition (format 0.0.4) of the cumulative series, with Istio's metric names. */

const escape = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function labelText(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${k}="${escape(v)}"`).join(',');
}

function formatLe(b: number): string {
  // Istio (Envoy) writes bucket bounds like "0.5", "1", "3.6e+06"; Prometheus parses any float.
  return String(b);
}

function histogramLines(name: string, labels: string, bounds: readonly number[], o: Observations, out: string[]): void {
  let cum = 0;
  for (let i = 0; i < bounds.length; i++) {
    cum += o.counts[i] ?? 0;
    out.push(`${name}_bucket{${labels},le="${formatLe(bounds[i] as number)}"} ${cum}`);
  }
  out.push(`${name}_bucket{${labels},le="+Inf"} ${o.count}`);
  out.push(`${name}_sum{${labels}} ${o.sum}`);
  out.push(`${name}_count{${labels}} ${o.count}`);
}

export class Exposition {
  /** Label text per edge, built once: at scale the same edges are written every scrape. */
  private readonly edgeText = new Map<string, string>();

  private edgeLabels(edge: Edge): string {
    const key = edgeKey(edge);
    let t = this.edgeText.get(key);
    if (t === undefined) {
      t = labelText(edgeLabelPairs(edge));
      this.edgeText.set(key, t);
    }
    return t;
  }

  private requestLabels(s: RequestSeries): string {
    return `${this.edgeLabels(s.edge)},${labelText([
      ['response_code', s.code],
      ['grpc_response_status', s.grpc],
      ['response_flags', s.flags],
      ['connection_security_policy', securityPolicy(s.edge.reporter)],
    ])}`;
  }

  private tcpLabels(s: TcpSeries): string {
    return `${this.edgeLabels(s.edge)},${labelText([
      ['response_flags', '-'],
      ['connection_security_policy', securityPolicy(s.edge.reporter)],
    ])}`;
  }

  text(store: SeriesStore): string {
    const out: string[] = [];
    const requests = [...store.requests.values()];
    const labels = requests.map((s) => this.requestLabels(s));
    out.push('# HELP istio_requests_total Total requests.', '# TYPE istio_requests_total counter');
    requests.forEach((s, i) => out.push(`istio_requests_total{${labels[i]}} ${s.requests}`));
    const hist = [
      ['istio_request_duration_milliseconds', 'Request duration in milliseconds.', DURATION_BUCKETS_MS, (s: RequestSeries) => s.duration],
      ['istio_request_bytes', 'Request body size in bytes.', BYTES_BUCKETS, (s: RequestSeries) => s.requestBytes],
      ['istio_response_bytes', 'Response body size in bytes.', BYTES_BUCKETS, (s: RequestSeries) => s.responseBytes],
    ] as const;
    for (const [name, help, bounds, pick] of hist) {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
      requests.forEach((s, i) => histogramLines(name, labels[i] as string, bounds, pick(s), out));
    }
    const tcp = [...store.tcp.values()];
    const tcpLabels = tcp.map((s) => this.tcpLabels(s));
    const counters = [
      ['istio_tcp_sent_bytes_total', 'Bytes sent during a TCP connection (server to client).', (s: TcpSeries) => s.sent],
      ['istio_tcp_received_bytes_total', 'Bytes received during a TCP connection (client to server).', (s: TcpSeries) => s.received],
      ['istio_tcp_connections_opened_total', 'TCP connections opened.', (s: TcpSeries) => s.opened],
      ['istio_tcp_connections_closed_total', 'TCP connections closed.', (s: TcpSeries) => s.closed],
    ] as const;
    for (const [name, help, pick] of counters) {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      tcp.forEach((s, i) => out.push(`${name}{${tcpLabels[i]}} ${pick(s)}`));
    }
    return `${out.join('\n')}\n`;
  }
}
