import type { LatencySample, RequestSample, Reporter, TcpSample } from '../traffic/samples';
import type { ObservedCall, Peer } from './observed-mix';
import { splitCode } from './outcome-code';

/*
 * Predicted rates written as Istio's samples (the labels the graph builder reads), so the expected
 * graph is built by the same code as the observed one: the caller's sidecar reports each request once
 * with its final outcome, the destination every attempt and mirrored copy, aborts and sidecar replies
 * have no destination workload.
 */

const NO_PEER: Peer = { namespace: '', workload: '', canonical: '', revision: '' };

export class SampleSink {
  private readonly req = new Map<string, RequestSample>();
  private readonly conn = new Map<string, TcpSample>();
  private readonly lat = new Map<string, LatencySample>();

  constructor(private readonly peerOf: (namespace: string, workload: string) => Peer) {}

  private labels(reporter: Reporter, call: ObservedCall, workload: string) {
    const [ns = '', name = ''] = workload === '' ? [] : workload.split('/');
    const d = workload === '' ? NO_PEER : this.peerOf(ns, name);
    return {
      reporter,
      sourceWorkload: call.source.workload,
      sourceWorkloadNamespace: call.source.namespace,
      sourceCanonicalService: call.source.canonical,
      sourceCanonicalRevision: call.source.revision,
      destinationService: call.service,
      destinationServiceName: call.serviceName,
      destinationServiceNamespace: call.serviceNamespace,
      destinationWorkload: d.workload,
      destinationWorkloadNamespace: d.namespace,
      destinationCanonicalService: d.canonical,
      destinationCanonicalRevision: d.revision,
      requestProtocol: call.protocol,
    };
  }

  request(reporter: Reporter, call: ObservedCall, workload: string, code: string, flags: string, rps: number): void {
    if (rps <= 0) return;
    const key = [reporter, call.source.namespace, call.source.workload, call.service, workload, code, flags].join('|');
    const hit = this.req.get(key);
    if (hit) {
      hit.rps += rps;
      return;
    }
    this.req.set(key, { ...this.labels(reporter, call, workload), ...splitCode(code), responseFlags: flags, rps });
  }

  connection(call: ObservedCall, workload: string, cps: number, bytes?: { sent: number; received: number }): void {
    if (cps <= 0 || workload === '') return;
    const key = [call.source.namespace, call.source.workload, call.service, workload].join('|');
    const hit = this.conn.get(key);
    const perConn = bytes ?? { sent: 0, received: 0 };
    if (hit) {
      hit.connectionsOpenedPerSec += cps;
      hit.sentBytesPerSec += cps * perConn.sent;
      hit.receivedBytesPerSec += cps * perConn.received;
      return;
    }
    this.conn.set(key, {
      ...this.labels('destination', call, workload),
      connectionsOpenedPerSec: cps,
      sentBytesPerSec: cps * perConn.sent,
      receivedBytesPerSec: cps * perConn.received,
    });
  }

  latency(reporter: Reporter, call: ObservedCall, workload: string, p95Ms: number): void {
    if (p95Ms <= 0) return;
    const key = [reporter, call.source.namespace, call.source.workload, call.service, workload].join('|');
    this.lat.set(key, { ...this.labels(reporter, call, workload), p95Ms });
  }

  requests = (): RequestSample[] => [...this.req.values()];
  tcp = (): TcpSample[] => [...this.conn.values()];
  latencies = (): LatencySample[] => [...this.lat.values()];
}
