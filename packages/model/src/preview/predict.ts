import type { MeshSnapshot } from '../resources/snapshot';
import type { RequestSample, TcpSample, TrafficWindow } from '../traffic/samples';
import { baseRequest } from './entry-request';
import { gammaEntryFor, kubeGatewayEntryFor } from './gateway-api-entry';
import { addDecision, emptyOutcome, type HopOutcome, type WorkloadFailure } from './hop-outcome';
import { inferShares, type UnknownShare } from './infer-shares';
import { peerFor, peerKey, type ObservedCall, type ObservedMix, type Peer } from './observed-mix';
import { addTo, isError, isFailure, propagatedCode, total, type CodeDist } from './outcome-code';
import { requestClasses } from './request-classes';
import { SampleSink } from './sample-sink';

/*
 * predictTraffic: the last window's observed demand pushed through a candidate config, hop by hop.
 * Calls nobody inside the window serves (clients, the ingress gateway) keep their observed rate; each
 * call is split into request classes (./request-classes) whose shares come from the observed mix
 * (./infer-shares) or the user; every class is routed with the model's resolveRoute under the
 * candidate; what each workload then serves fans out along the call graph the window showed (its
 * outbound requests per request served). Errors travel back up: a workload's requests fail when an
 * upstream call fails (the applications are assumed to pass failures back, as a reverse proxy
 * does), on top of the failures it produces itself. Expected values throughout, no random draws.
 */

export interface TrafficConfigs {
  current: MeshSnapshot;
  candidate: MeshSnapshot;
}

export interface PredictOptions {
  /** User-given shares (0..1) of request classes the metrics cannot see, by class key (`unknownShares[].key`). */
  matchShares?: Readonly<Record<string, number>>;
}

export interface PredictedCall {
  source: Peer;
  service: string;
  protocol: 'http' | 'grpc' | 'tcp';
  /** Requests (connections) per second the caller sends. */
  rps: number;
  /** This call's fraction (0..1) of everything its caller sends over this protocol. */
  share: number;
  /** Fraction of them with an error (4xx, 5xx, no response) as the caller sees them. */
  errorRate: number;
  /** Outcome ("w:ns/workload" or "r:<code>") -> requests per second. */
  outcomes: Record<string, number>;
}

export interface TrafficPrediction {
  /** The expected samples, in the vocabulary of Istio's metrics: the graph is built from them as from observed ones. */
  window: TrafficWindow;
  calls: PredictedCall[];
  /** Request classes whose share the metrics cannot tell: the prediction used `assumedShare`. */
  unknownShares: UnknownShare[];
  /** What the prediction had to assume, for the user. */
  assumptions: string[];
}

const MAX_DEPTH = 16;
const callKey = (c: ObservedCall) => `${peerKey(c.source)}>${c.service}|${c.protocol}`;

interface Outbound {
  call: ObservedCall;
  /** Requests this call carries per request the source serves. */
  ratio: number;
}

export function predictTraffic(
  configs: TrafficConfigs,
  mix: ObservedMix,
  options: PredictOptions = {},
): TrafficPrediction {
  return new Predictor(configs, mix, options.matchShares ?? {}).run();
}

class Predictor {
  private readonly callsBySource = new Map<string, ObservedCall[]>();
  private readonly outcomes = new Map<string, HopOutcome>();
  private readonly failures = new Map<string, WorkloadFailure>();
  private readonly inProgress = new Set<string>();
  private readonly outboundMemo = new Map<string, Outbound[]>();
  private readonly unknown = new Map<string, UnknownShare>();
  private readonly assumptions = new Set<string>();
  private readonly sink: SampleSink;
  private readonly predicted = new Map<string, PredictedCall>();

  constructor(
    private readonly configs: TrafficConfigs,
    private readonly mix: ObservedMix,
    private readonly given: Readonly<Record<string, number>>,
  ) {
    for (const c of mix.calls) {
      const k = peerKey(c.source);
      this.callsBySource.set(k, [...(this.callsBySource.get(k) ?? []), c]);
    }
    this.sink = new SampleSink((ns, w) => this.peer(ns, w));
  }

  run(): TrafficPrediction {
    // Rates flow in rounds, summed per call: one visit per call and round however many paths lead to it
    // (walking every path would be exponential on a mesh with many shared upstreams).
    let pending = new Map<string, { call: ObservedCall; rate: number }>();
    const add = (into: typeof pending, call: ObservedCall, rate: number) => {
      if (rate <= 0) return;
      const key = callKey(call);
      const hit = into.get(key);
      if (hit) hit.rate += rate;
      else into.set(key, { call, rate });
    };
    for (const call of this.mix.calls) {
      const served = this.mix.workloads.get(peerKey(call.source))?.servedRps ?? 0;
      if (served === 0) add(pending, call, call.rps);
    }
    for (let depth = 0; depth <= MAX_DEPTH && pending.size > 0; depth++) {
      const next: typeof pending = new Map();
      for (const { call, rate } of pending.values()) {
        for (const [w, perRequest] of this.emit(call, rate))
          for (const { call: up, ratio } of this.outbound(w)) add(next, up, rate * perRequest * ratio);
      }
      pending = next;
    }
    const requests: RequestSample[] = [...this.sink.requests(), ...this.mix.unattributed];
    if (this.mix.unattributed.length > 0)
      this.assumptions.add('requests from callers Istio could not identify are kept as observed');
    const tcp: TcpSample[] = this.sink.tcp();
    return {
      window: {
        timestamp: this.mix.timestamp,
        window: this.mix.window,
        requests,
        latencies: this.sink.latencies(),
        tcp,
      },
      calls: finishCalls([...this.predicted.values()]),
      unknownShares: [...this.unknown.values()],
      assumptions: [...this.assumptions],
    };
  }

  private peer(namespace: string, workload: string): Peer {
    return (
      this.mix.workloads.get(`${namespace}/${workload}`)?.peer ?? peerFor(this.configs.candidate, namespace, workload)
    );
  }

  private siblings(key: string): string[] {
    const p = this.peer(...(key.split('/') as [string, string]));
    return [...this.mix.workloads.values()]
      .filter((w) => w.servedRps > 0 && w.peer.namespace === p.namespace && w.peer.canonical === p.canonical)
      .map((w) => peerKey(w.peer))
      .filter((k) => k !== key);
  }

  /** What a workload sends per request it serves; a workload the window never saw serving borrows its siblings'. */
  private outbound(key: string): Outbound[] {
    const hit = this.outboundMemo.get(key);
    if (hit) return hit;
    const served = this.mix.workloads.get(key)?.servedRps ?? 0;
    let out: Outbound[];
    if (served > 0) {
      out = (this.callsBySource.get(key) ?? []).map((call) => ({ call, ratio: call.rps / served }));
    } else {
      const sibs = this.siblings(key);
      const servedTotal = sibs.reduce((a, s) => a + (this.mix.workloads.get(s)?.servedRps ?? 0), 0);
      const merged = new Map<string, Outbound>();
      const me = this.peer(...(key.split('/') as [string, string]));
      for (const s of sibs) {
        for (const call of this.callsBySource.get(s) ?? []) {
          const k = `${call.service}|${call.protocol}`;
          const prev = merged.get(k);
          const ratio = call.rps / servedTotal;
          merged.set(k, prev ? { ...prev, ratio: prev.ratio + ratio } : { call: { ...call, source: me }, ratio });
        }
      }
      out = [...merged.values()];
      if (sibs.length > 0)
        this.assumptions.add(
          `${key} served nothing in the window: its calls upstream are assumed to be those of ${sibs.join(', ')}`,
        );
      else
        this.assumptions.add(
          `${key} served nothing in the window and has no sibling version: its upstream calls are unknown`,
        );
    }
    this.outboundMemo.set(key, out);
    return out;
  }

  /** Failures a workload produces itself: what it answered with, less what its upstream calls explain. */
  private ownFailure(key: string): CodeDist {
    const o = this.mix.workloads.get(key);
    if (!o || o.servedRps === 0) {
      const sibs = this.siblings(key);
      const out: CodeDist = new Map();
      for (const s of sibs) for (const [c, p] of this.ownFailure(s)) addTo(out, c, p / sibs.length);
      return out;
    }
    const observed = new Map([...o.failedByCode].map(([c, r]) => [c, r / o.servedRps]));
    let ok = 1;
    for (const { call, ratio } of this.outbound(key))
      if (call.rps > 0) ok *= 1 - Math.min(1, ratio * (call.failedRps / call.rps));
    const seen = total(observed);
    const own = Math.max(0, seen - (1 - ok));
    return new Map([...observed].map(([c, p]) => [c, seen > 0 ? (p * own) / seen : 0]));
  }

  failure(key: string): WorkloadFailure {
    const hit = this.failures.get(key);
    if (hit) return hit;
    // A call cycle is cut here: the inner visit sees no failures of its own making.
    if (this.inProgress.has(key)) return { fail: new Map(), slow: { share: 0, ms: 0 } };
    this.inProgress.add(key);
    const own = this.ownFailure(key);
    const ownTotal = Math.min(1, total(own));
    let ok = 1;
    const passed: CodeDist = new Map();
    let slow = { share: 0, ms: 0 };
    for (const { call, ratio } of this.outbound(key)) {
      if (call.protocol === 'tcp') continue;
      const h = this.hop(call);
      const finals = flatten(h);
      const f = Math.min(1, ratio * [...finals].reduce((a, [k, p]) => a + (isFailureKey(k) ? p : 0), 0));
      ok *= 1 - f;
      for (const [code, p] of finals) if (p > 0 && isFailureKey(code)) addTo(passed, propagatedCode(code), ratio * p);
      const s = { share: Math.min(1, ratio * h.slow.share), ms: h.slow.ms };
      if (s.share * s.ms > slow.share * slow.ms) slow = s;
    }
    const passedTotal = total(passed);
    const fail: CodeDist = new Map(own);
    const scale = passedTotal > 0 ? ((1 - ok) * (1 - ownTotal)) / passedTotal : 0;
    for (const [c, p] of passed) addTo(fail, c, p * scale);
    const result = { fail, slow };
    this.inProgress.delete(key);
    this.failures.set(key, result);
    return result;
  }

  private hop(call: ObservedCall): HopOutcome {
    const key = callKey(call);
    const hit = this.outcomes.get(key);
    if (hit) return hit;
    const out = emptyOutcome();
    this.outcomes.set(key, out);
    const info = {
      failure: (w: string) => this.failure(w),
      p95Ms: (w: string) => this.mix.workloads.get(w)?.p95Ms ?? 0,
    };
    const base = baseRequest(this.configs.current, call);
    if (!base) {
      this.assumptions.add(
        `${peerKey(call.source)} -> ${call.service}: no gateway VirtualService explains this traffic; it is kept as observed`,
      );
      asObserved(out, call);
      return out;
    }
    // A call observed to a Gateway API backend Service stands for requests to the route's host: the
    // changed route may send them to another backend, which the metrics would then name.
    const via = kubeGatewayEntryFor(this.configs.current, call) ?? gammaEntryFor(this.configs.current, call);
    if (via) {
      out.services = new Map();
      if (!kubeGatewayEntryFor(this.configs.current, call))
        this.assumptions.add(
          `${peerKey(call.source)} -> ${call.service}: taken to be requests to ${via.host} sent there by ${via.route}`,
        );
    }
    const classes = requestClasses(base, this.configs.current, this.configs.candidate);
    const { shares, unknown } = inferShares(this.configs.current, classes, call.outcomes, this.given);
    for (const u of unknown) this.unknown.set(u.key, u);
    for (const s of shares) addDecision(out, this.configs.candidate, s.cls.candidate, s.share, call.protocol, info);
    return out;
  }

  /** Writes one call's samples at `rate`; answers what each workload serves per request of it. */
  private emit(observed: ObservedCall, rate: number): Map<string, number> {
    const served = new Map<string, number>();
    const h = this.hop(observed);
    const as = (w: string): ObservedCall => retarget(observed, h.services?.get(w));
    for (const [w, finals] of h.finals) {
      const call = as(w);
      const summary = this.summary(call);
      for (const [k, p] of finals) {
        const [code = '', flags = '-'] = k.split('|');
        summary.rps += rate * p;
        if (isError(code)) summary.errorRate += rate * p;
        const outcome = w === '' ? `r:${code.split(':')[0] ?? ''}` : `w:${w}`;
        summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + rate * p;
        if (call.protocol === 'tcp')
          this.sink.connection(call, w, rate * p, this.mix.workloads.get(w)?.tcpBytesPerConnection);
        else if (call.sourceReports) this.sink.request('source', call, w, code, flags, rate * p);
      }
    }
    if (observed.protocol === 'tcp') return served;
    for (const [w, attempts] of h.attempts) {
      const call = as(w);
      for (const [code, p] of attempts)
        this.sink.request('destination', call, w, code, code === '0' ? 'DC' : '-', rate * p);
      // p95 of what the workload serves, plus a delay when more than 5 % of its requests carry one.
      const own = this.mix.workloads.get(w)?.p95Ms ?? 0;
      const served = this.failure(w).slow;
      this.sink.latency('destination', call, w, own + (served.share >= 0.05 ? served.ms : 0));
      const delayed = h.delayed.get(w);
      const reached = total(attempts);
      const tail = delayed && reached > 0 && delayed.share / reached >= 0.05 ? delayed.ms : 0;
      if (call.sourceReports) this.sink.latency('source', call, w, own + (served.share >= 0.05 ? served.ms : 0) + tail);
    }
    for (const [w, m] of h.mirrors) {
      const call = as(w);
      const fail = this.failure(w).fail;
      const failed = Math.min(1, total(fail));
      this.sink.request(
        'destination',
        call,
        w,
        call.protocol === 'grpc' ? '200:0' : '200',
        '-',
        rate * m * (1 - failed),
      );
      for (const [code, p] of fail) this.sink.request('destination', call, w, code, '-', rate * m * p);
    }
    for (const [w, attempts] of h.attempts) served.set(w, total(attempts));
    for (const [w, m] of h.mirrors) served.set(w, (served.get(w) ?? 0) + m);
    return served;
  }

  private summary(call: ObservedCall): PredictedCall {
    const key = callKey(call);
    let s = this.predicted.get(key);
    if (!s) {
      s = {
        source: call.source,
        service: call.service,
        protocol: call.protocol,
        rps: 0,
        share: 0,
        errorRate: 0,
        outcomes: {},
      };
      this.predicted.set(key, s);
    }
    return s;
  }
}

/** Error rates were accumulated as error rps; this turns them into fractions and adds each call's share. */
function finishCalls(calls: PredictedCall[]): PredictedCall[] {
  const bySource = new Map<string, number>();
  const key = (c: PredictedCall) => `${peerKey(c.source)}|${c.protocol}`;
  for (const c of calls) bySource.set(key(c), (bySource.get(key(c)) ?? 0) + c.rps);
  return calls.map((c) => ({
    ...c,
    share: c.rps / (bySource.get(key(c)) || 1),
    errorRate: c.rps > 0 ? c.errorRate / c.rps : 0,
  }));
}

const isFailureKey = (k: string): boolean => isFailure(k.split('|')[0] ?? '');

/** A hop's final codes over every workload (keys keep their flags). */
function flatten(h: HopOutcome): CodeDist {
  const out: CodeDist = new Map();
  for (const finals of h.finals.values()) for (const [k, p] of finals) addTo(out, k, p);
  return out;
}

/** A call the config cannot explain keeps the outcome the window saw. */
function asObserved(out: HopOutcome, call: ObservedCall): void {
  const sum = call.rps || 1;
  for (const [k, r] of call.outcomes) {
    const w = k.startsWith('w:') ? k.slice(2) : '';
    const code = k.startsWith('r:') ? k.slice(2) : call.protocol === 'grpc' ? '200:0' : '200';
    let m = out.finals.get(w);
    if (!m) out.finals.set(w, (m = new Map()));
    addTo(m, `${code}|-`, r / sum);
    if (w !== '') {
      const a = out.attempts.get(w) ?? new Map<string, number>();
      addTo(a, code, r / sum);
      out.attempts.set(w, a);
    }
  }
}

/** The call as the metrics name it when its requests reach `service` (a Gateway API backend), else as observed. */
function retarget(call: ObservedCall, service: string | undefined): ObservedCall {
  if (!service || service === call.service) return call;
  const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(service);
  if (!m) return call;
  return { ...call, service, serviceName: m[1] ?? call.serviceName, serviceNamespace: m[2] ?? call.serviceNamespace };
}
