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

function histogramLines(
  name: string,
  labels: string,
  bounds: readonly number[],
  o: Observations,
  out: { push(...lines: string[]): void },
): void {
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

  /**
   * The exposition in chunks of whole lines, so a large mesh (hundreds of MB per scrape) can be
   * streamed instead of built as one string. `sizeHistograms: false` leaves out the request and
   * response size histograms, the bulk of the text at benchmark scale.
   */
  *chunks(store: SeriesStore, sizeHistograms = true, linesPerChunk = 2000): Generator<string> {
    let buf: string[] = [];
    const out = {
      push: (...lines: string[]) => {
        for (const l of lines) buf.push(l);
      },
    };
    const flush = function* (force: boolean): Generator<string> {
      if (buf.length >= linesPerChunk || (force && buf.length > 0)) {
        yield `${buf.join('\n')}\n`;
        buf = [];
      }
    };
    const requests = [...store.requests.values()];
    const labels = requests.map((s) => this.requestLabels(s));
    out.push('# HELP istio_requests_total Total requests.', '# TYPE istio_requests_total counter');
    for (let i = 0; i < requests.length; i++) {
      out.push(`istio_requests_total{${labels[i]}} ${(requests[i] as RequestSeries).requests}`);
      yield* flush(false);
    }
    const hist = [
      [
        'istio_request_duration_milliseconds',
        'Request duration in milliseconds.',
        DURATION_BUCKETS_MS,
        (s: RequestSeries) => s.duration,
      ],
      ['istio_request_bytes', 'Request body size in bytes.', BYTES_BUCKETS, (s: RequestSeries) => s.requestBytes],
      ['istio_response_bytes', 'Response body size in bytes.', BYTES_BUCKETS, (s: RequestSeries) => s.responseBytes],
    ] as const;
    for (const [name, help, bounds, pick] of sizeHistograms ? hist : hist.slice(0, 1)) {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
      for (let i = 0; i < requests.length; i++) {
        histogramLines(name, labels[i] as string, bounds, pick(requests[i] as RequestSeries), out);
        yield* flush(false);
      }
    }
    const tcp = [...store.tcp.values()];
    const tcpLabels = tcp.map((s) => this.tcpLabels(s));
    const counters = [
      [
        'istio_tcp_sent_bytes_total',
        'Bytes sent during a TCP connection (server to client).',
        (s: TcpSeries) => s.sent,
      ],
      [
        'istio_tcp_received_bytes_total',
        'Bytes received during a TCP connection (client to server).',
        (s: TcpSeries) => s.received,
      ],
      ['istio_tcp_connections_opened_total', 'TCP connections opened.', (s: TcpSeries) => s.opened],
      ['istio_tcp_connections_closed_total', 'TCP connections closed.', (s: TcpSeries) => s.closed],
    ] as const;
    for (const [name, help, pick] of counters) {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      tcp.forEach((s, i) => out.push(`${name}{${tcpLabels[i]}} ${pick(s)}`));
    }
    yield* flush(true);
  }

  text(store: SeriesStore, sizeHistograms = true): string {
    return [...this.chunks(store, sizeHistograms)].join('');
  }
}
