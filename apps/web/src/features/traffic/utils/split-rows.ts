import type { DestinationRef, Edit, RouteRef, RouteView, ServiceTraffic } from '@sluice/model';
import { toPercents } from './split-math';

type ObservedVersion = ServiceTraffic['observed']['versions'][number];
type SubsetView = ServiceTraffic['subsets'][number];

export interface SplitRow {
  key: string;
  label: string;
  destination: DestinationRef;
  /** Share of this route the config sends here now (0..1); 0 for subsets the route does not use yet. */
  expected: number;
  inRoute: boolean;
}

const keyOf = (d: DestinationRef) => `${d.host}|${d.subset ?? ''}|${d.port ?? ''}`;

/** How edits address a route: by name when it has one (robust to reordering), else by position. */
export function routeRefOf(route: RouteView): RouteRef {
  return route.kind === 'http' && route.name
    ? { kind: 'http', name: route.name }
    : { kind: route.kind, index: route.index };
}

/**
 * The rows of a traffic-shifting form: the route's destinations and every other subset of the same
 * host at 0%, so shifting to a version the route does not use yet is one drag away. Rows are in the
 * DestinationRule's subset order (destinations without a subset first, in route order), never in
 * the route's order: Apply leaves 0% destinations out of the YAML, so route order changes after a
 * write, and rows (and presets) that moved with it would change meaning under the user's hand.
 */
export function buildSplitRows(route: RouteView, subsets: readonly SubsetView[]): SplitRow[] {
  const rows: SplitRow[] = route.expected.map((e) => {
    const destination: DestinationRef = {
      host: e.destination.host,
      ...(e.destination.subset ? { subset: e.destination.subset } : {}),
      ...(e.destination.port?.number ? { port: e.destination.port.number } : {}),
    };
    return {
      key: keyOf(destination),
      label: e.destination.subset ?? e.destination.host,
      destination,
      expected: e.share,
      inRoute: true,
    };
  });
  const subsetHost = rows.find((r) => r.destination.subset)?.destination ?? rows[0]?.destination;
  if (subsetHost) {
    for (const s of subsets) {
      if (rows.some((r) => r.destination.host === subsetHost.host && r.destination.subset === s.name)) continue;
      const destination: DestinationRef = {
        host: subsetHost.host,
        subset: s.name,
        ...(subsetHost.port ? { port: subsetHost.port } : {}),
      };
      rows.push({ key: keyOf(destination), label: s.name, destination, expected: 0, inRoute: false });
    }
  }
  const order = (r: SplitRow) =>
    r.destination.subset && r.destination.host === subsetHost?.host
      ? subsets.findIndex((s) => s.name === r.destination.subset)
      : -1;
  // Array.prototype.sort is stable: rows without a known subset keep their route order.
  return rows.sort((a, b) => order(a) - order(b));
}

export function initialWeights(rows: readonly SplitRow[]): number[] {
  return toPercents(rows.map((r) => r.expected));
}

/** The observed share of the version behind a row (service-wide), matched by subset then version. */
export function observedFor(
  row: SplitRow,
  observed: readonly ObservedVersion[],
  subsets: readonly SubsetView[],
): ObservedVersion | undefined {
  const subset = row.destination.subset;
  if (!subset) return undefined;
  const version = subsets.find((s) => s.name === subset)?.version ?? subset;
  return observed.find((o) => o.subset === subset) ?? observed.find((o) => o.version === version);
}

/**
 * The edit for the chosen weights. Rows at 0% are left out, so the written YAML names only the
 * destinations that carry traffic (0/100 becomes "all to v2", as an operator would write it).
 */
export function weightsEdit(route: RouteView, rows: readonly SplitRow[], weights: readonly number[]): Edit {
  const chosen = rows
    .map((r, i) => ({ destination: r.destination, weight: weights[i] ?? 0 }))
    .filter((w) => w.weight > 0);
  const ref = routeRefOf(route);
  return route.kind === 'tcp'
    ? { op: 'setTcpWeights', route: ref, weights: chosen }
    : { op: 'setWeights', route: ref, weights: chosen };
}
