import { parseDurationMs, type TrafficWindow } from '@sluice/model';
import type { MeshIndex } from '../samples/mesh-index';

/*
 * Rates of workloads younger than the window. A rate is a count divided by a duration; the source
 * divides by the whole window (Prometheus's rate(), or the simulator's time since it started), but
 * a workload created 50 s ago in a 1 m window has only 50 s of counts: its rates read 1/6 low
 * (Prometheus's extrapolation of half a scrape interval makes it ~12.5 % at a 5 s scrape). So each
 * hop is divided by the part of the window its data can cover instead: the window, or what the
 * source covered, or the age of the younger of its two workloads, whichever is shortest.
 * Workloads without a creation time (the demo's manifests) are taken as older than any window.
 */

const MIN_AGE_S = 1;

export function correctForWorkloadAge(traffic: TrafficWindow, index: MeshIndex): TrafficWindow {
  const windowMs = parseDurationMs(traffic.window);
  const end = Date.parse(traffic.timestamp);
  if (windowMs === undefined || Number.isNaN(end)) return traffic;
  const covered = Math.min(traffic.coveredSeconds ?? windowMs / 1000, windowMs / 1000);
  const ages = new Map<string, number | undefined>();
  const ageOf = (ns: string, name: string): number | undefined => {
    const key = `${ns}/${name}`;
    if (!ages.has(key)) {
      const created = index.workload(ns, name)?.createdAt;
      const t = created ? Date.parse(created) : Number.NaN;
      ages.set(key, Number.isNaN(t) ? undefined : Math.max(MIN_AGE_S, (end - t) / 1000));
    }
    return ages.get(key);
  };
  const factorOf = (l: {
    sourceWorkload: string;
    sourceWorkloadNamespace: string;
    destinationWorkload: string;
    destinationWorkloadNamespace: string;
  }): number => {
    let youngest = covered;
    for (const age of [
      ageOf(l.sourceWorkloadNamespace, l.sourceWorkload),
      ageOf(l.destinationWorkloadNamespace, l.destinationWorkload),
    ])
      if (age !== undefined && age < youngest) youngest = age;
    return covered / youngest;
  };
  let changed = false;
  const requests = traffic.requests.map((s) => {
    const f = factorOf(s);
    if (f === 1) return s;
    changed = true;
    return { ...s, rps: s.rps * f };
  });
  const tcp = traffic.tcp.map((s) => {
    const f = factorOf(s);
    if (f === 1) return s;
    changed = true;
    return {
      ...s,
      sentBytesPerSec: s.sentBytesPerSec * f,
      receivedBytesPerSec: s.receivedBytesPerSec * f,
      connectionsOpenedPerSec: s.connectionsOpenedPerSec * f,
    };
  });
  return changed ? { ...traffic, requests, tcp } : traffic;
}
