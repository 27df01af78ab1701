/*
 * Per-second deltas of the series, kept for `retentionSeconds`: a window's rates are the sum of
 * its seconds divided by its length, which is what PromQL `rate()` computes from scrapes 1 s apart.
 * Deltas are sparse (only series touched that second), so idle series cost nothing.
 */

export interface SecondDelta {
  sec: number;
  /** requests per request-series key */
  requests: Map<string, number>;
  /** duration bucket counts per edge key (all response codes, as the latency samples need) */
  latency: Map<string, number[]>;
  /** [sent, received, opened] per edge key */
  tcp: Map<string, [number, number, number]>;
}

export class WindowRing {
  private readonly slots: (SecondDelta | undefined)[];

  constructor(readonly retentionSeconds: number) {
    this.slots = new Array<SecondDelta | undefined>(retentionSeconds);
  }

  private slot(sec: number): SecondDelta {
    const i = ((sec % this.retentionSeconds) + this.retentionSeconds) % this.retentionSeconds;
    let s = this.slots[i];
    if (!s || s.sec !== sec) {
      s = { sec, requests: new Map(), latency: new Map(), tcp: new Map() };
      this.slots[i] = s;
    }
    return s;
  }

  addRequests(sec: number, seriesKey: string, edgeKey: string, count: number, durationCounts: readonly number[]): void {
    const s = this.slot(sec);
    s.requests.set(seriesKey, (s.requests.get(seriesKey) ?? 0) + count);
    let lat = s.latency.get(edgeKey);
    if (!lat) {
      lat = new Array<number>(durationCounts.length).fill(0);
      s.latency.set(edgeKey, lat);
    }
    for (let i = 0; i < durationCounts.length; i++) lat[i] = (lat[i] ?? 0) + (durationCounts[i] ?? 0);
  }

  addTcp(sec: number, edgeKey: string, sent: number, received: number, opened: number): void {
    const s = this.slot(sec);
    const t = s.tcp.get(edgeKey) ?? [0, 0, 0];
    t[0] += sent;
    t[1] += received;
    t[2] += opened;
    s.tcp.set(edgeKey, t);
  }

  /** The deltas of seconds in (toSec - seconds, toSec]. */
  seconds(toSec: number, seconds: number): SecondDelta[] {
    const out: SecondDelta[] = [];
    const n = Math.min(seconds, this.retentionSeconds);
    for (let sec = toSec - n + 1; sec <= toSec; sec++) {
      const s = this.slots[((sec % this.retentionSeconds) + this.retentionSeconds) % this.retentionSeconds];
      if (s && s.sec === sec) out.push(s);
    }
    return out;
  }
}
