import type { MeshSnapshot } from '../resources/snapshot';
import { decisionKey, outcomeVector, type RequestClass } from './request-classes';

/*
 * Class shares from the observed outcome of a call. The current config sends each class somewhere
 * (a workload mix, or a reply of the caller's sidecar); the observed mix of those outcomes is then a
 * blend of the classes' vectors, and the blend weights are the shares: a least-squares fit on the
 * simplex (projected gradient; a handful of classes). Classes the current config treats alike
 * cannot be told apart by the metrics: if the candidate treats them differently, the user gives the
 * share (`given`), or it is reported as unknown and assumed 0 (everything stays with the plain class).
 */

export interface ClassShare {
  cls: RequestClass;
  share: number;
  /** How the share was found. */
  source: 'observed' | 'given' | 'assumed';
}

export interface UnknownShare {
  key: string;
  description: string;
  /** The share the prediction used (0 unless given). */
  assumedShare: number;
}

/** Euclidean projection onto the probability simplex (Duchi et al. 2008). */
function projectSimplex(v: number[]): number[] {
  const u = [...v].sort((a, b) => b - a);
  let css = 0;
  let theta = 0;
  for (let i = 0; i < u.length; i++) {
    css += u[i] as number;
    const t = (css - 1) / (i + 1);
    if ((u[i] as number) - t > 0) theta = t;
  }
  return v.map((x) => Math.max(0, x - theta));
}

function fitSimplex(columns: Map<string, number>[], observed: Map<string, number>): number[] {
  const keys = [...new Set([...observed.keys(), ...columns.flatMap((c) => [...c.keys()])])];
  const a = columns.map((c) => keys.map((k) => c.get(k) ?? 0));
  const o = keys.map((k) => observed.get(k) ?? 0);
  const n = columns.length;
  if (n === 1) return [1];
  let c = Array.from({ length: n }, () => 1 / n);
  const norm = a.reduce((s, col) => s + col.reduce((t, x) => t + x * x, 0), 0) || 1;
  const step = 1 / norm;
  for (let iter = 0; iter < 2000; iter++) {
    const residual = o.map((ok, j) => a.reduce((s, col, i) => s + (col[j] as number) * (c[i] as number), 0) - ok);
    const grad = a.map((col) => col.reduce((s, x, j) => s + x * (residual[j] as number), 0));
    const next = projectSimplex(c.map((x, i) => x - step * (grad[i] as number)));
    const moved = next.reduce((s, x, i) => s + Math.abs(x - (c[i] as number)), 0);
    c = next;
    if (moved < 1e-12) break;
  }
  // Shares the fit leaves at rounding noise are none: a class nobody sends must not show up as an edge.
  const snapped = c.map((x) => (x < 1e-6 ? 0 : x));
  const sum = snapped.reduce((a, b) => a + b, 0) || 1;
  return snapped.map((x) => x / sum);
}

export function inferShares(
  current: MeshSnapshot,
  classes: readonly RequestClass[],
  observed: Map<string, number>,
  given: Readonly<Record<string, number>>,
): { shares: ClassShare[]; unknown: UnknownShare[] } {
  const total = [...observed.values()].reduce((a, b) => a + b, 0);
  const normalised = new Map([...observed].map(([k, v]) => [k, total > 0 ? v / total : 0]));
  // Groups: classes the current config routes the same way (the metrics see them as one).
  const groups = new Map<string, RequestClass[]>();
  for (const cls of classes) {
    const key = decisionKey(cls.current);
    groups.set(key, [...(groups.get(key) ?? []), cls]);
  }
  const members = [...groups.values()];
  const fitted = fitSimplex(
    members.map((g) => outcomeVector(current, (g[0] as RequestClass).current)),
    normalised,
  );
  const shares: ClassShare[] = [];
  const unknown: UnknownShare[] = [];
  members.forEach((group, i) => {
    const groupShare = fitted[i] ?? 0;
    if (group.length === 1) {
      shares.push({ cls: group[0] as RequestClass, share: groupShare, source: 'observed' });
      return;
    }
    // Inside a group: given shares first (of the whole call), the rest to the plain class or the last one.
    let left = groupShare;
    const rest = group.find((c) => c.plain) ?? (group[group.length - 1] as RequestClass);
    for (const cls of group) {
      if (cls === rest) continue;
      const g = given[cls.key];
      const share = g === undefined ? 0 : Math.min(left, Math.max(0, g));
      left -= share;
      if (g === undefined) unknown.push({ key: cls.key, description: cls.description, assumedShare: 0 });
      shares.push({ cls, share, source: g === undefined ? 'assumed' : 'given' });
    }
    shares.push({ cls: rest, share: left, source: 'observed' });
  });
  return { shares, unknown };
}
