import type { EditFor, GatewayRouteView, ServiceTraffic } from '@sluice/model';
import { toPercents } from './split-math';
import type { SplitRow } from './split-rows';

/*
 * The rows of a Gateway API rule's weight form: one per backendRef, in the rule's order (a
 * backendRef list is what the operator wrote; setBackendWeights names every one, so no row is ever
 * added or dropped). Weights show as percentages of the rule; Apply writes them as stored weights.
 */

type Rule = GatewayRouteView['rules'][number];
export type RouteEdit = EditFor<'httproutes'>;

export function buildBackendRows(rule: Rule): SplitRow[] {
  const total = rule.backends.reduce((a, b) => a + Math.max(0, b.weight), 0);
  return rule.backends.map((b) => ({
    key: `${b.namespace}/${b.name}`,
    label: b.name,
    destination: { host: b.name },
    expected: total > 0 ? Math.max(0, b.weight) / total : 0,
    inRoute: true,
  }));
}

export function initialBackendWeights(rule: Rule): number[] {
  return toPercents(buildBackendRows(rule).map((r) => r.expected));
}

/** Every backendRef of the rule with its weight (0 included: a backendRef left out would be refused). */
export function backendWeightsEdit(rule: Rule, weights: readonly number[]): RouteEdit {
  return {
    op: 'setBackendWeights',
    rule: rule.index,
    weights: rule.backends.map((b, i) => ({ name: b.name, weight: weights[i] ?? 0 })),
  };
}

/**
 * The observed share of the version behind a backend, among the callers the route serves: the
 * gateway workloads for a route attached to a Gateway, the in-mesh callers for a GAMMA route.
 */
export function observedForBackend(
  traffic: ServiceTraffic,
  route: GatewayRouteView,
  backend: Rule['backends'][number],
): { share: number; rps: number } | undefined {
  if (!backend.version) return undefined;
  const sources = traffic.observed.bySource.filter((s) => s.scope === route.scope);
  const total = sources.reduce((a, s) => a + s.rps, 0);
  if (total <= 0) return undefined;
  const rps = sources.reduce((a, s) => a + (s.versions.find((v) => v.version === backend.version)?.rps ?? 0), 0);
  return { share: rps / total, rps };
}

/** The success toast's line for Gateway API route edits. */
export function describeRouteEdits(
  edits: readonly { op: string; rule: number; weights?: readonly { name: string; weight: number }[] }[],
): string {
  return edits
    .map((e) =>
      e.op === 'setBackendWeights'
        ? `rule ${e.rule}: ${(e.weights ?? []).map((w) => `${w.name} ${w.weight}`).join(', ')}`
        : `rule ${e.rule}: ${e.op === 'setMatch' ? 'matches changed' : 'filters changed'}`,
    )
    .join('; ');
}
