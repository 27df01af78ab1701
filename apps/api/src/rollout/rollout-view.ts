import {
  managedBy,
  canaryWeightOf,
  isTerminal,
  readRollout,
  routeWeights,
  type DestinationRef,
  type MeshSnapshot,
  type RolloutView,
} from '@sluice/model';
import { findService, workloadsOf } from '../writes/service-routing';
import { notFound } from '../errors/app-error';
import { findRolloutVirtualService, readGates, rolloutKey, type RolloutContext } from './rollout-context';
import { candidateDestinations, sideSelector } from './rollout-target';

/**
 * GET .../services/:name/rollout: the stored state, the split it asks for against the split the
 * route carries, live gates over the plan's window, the chart points and the owner when a
 * controller manages the VirtualService. A service without a rollout answers with `state: null`.
 */
export async function getRolloutView(ctx: RolloutContext, ns: string, service: string): Promise<RolloutView> {
  const snapshot = ctx.store.snapshot();
  if (!findService(snapshot, ns, service)) throw notFound(`Service ${ns}/${service}`);
  const vs = findRolloutVirtualService(snapshot, ns, service);
  const empty: RolloutView = {
    namespace: ns,
    service,
    virtualService: null,
    destinations: [],
    versions: [],
    state: null,
    expected: null,
    routeWeights: null,
    observed: null,
    gates: null,
    series: [],
  };
  if (!vs) return empty;
  const owner = managedBy(vs);
  const destinations = candidateDestinations(vs, snapshot, ns, service);
  const { state, error } = readRollout(vs);
  const base: RolloutView = {
    ...empty,
    virtualService: vs.metadata.name,
    kind: vs.kind,
    destinations,
    versions: destinations.flatMap((destination) => versionsOf(snapshot, ns, destination)),
    ...(vs.metadata.resourceVersion !== undefined ? { resourceVersion: vs.metadata.resourceVersion } : {}),
    ...(owner ? { managedBy: owner } : {}),
    ...(error ? { stateError: error } : {}),
  };
  if (!state) return base;
  const canary = canaryWeightOf(state);
  // Finished rollouts keep their page (timeline, charts) but need no fresh metrics.
  const live = isTerminal(state.phase) ? {} : await readGates(ctx, snapshot, ns, state);
  const gates = live.gates ?? null;
  const total = gates ? gates.stable.rps + gates.canary.rps : 0;
  return {
    ...base,
    state,
    expected: { stable: 100 - canary, canary },
    routeWeights: routeWeights(vs, state.plan),
    observed: gates && total > 0 ? { stable: gates.stable.rps / total, canary: gates.canary.rps / total } : null,
    gates,
    ...(live.metricsError !== undefined ? { metricsError: live.metricsError } : {}),
    series: ctx.series.points(rolloutKey(vs), state.startedAt),
  };
}

/** The app/version labels of the workloads a destination selects, one entry per distinct pair. */
function versionsOf(snapshot: MeshSnapshot, ns: string, destination: DestinationRef): RolloutView['versions'] {
  // A destination without a subset whose host is a Service of its own (an HTTPRoute backend such as
  // echo-v1) selects that Service's workloads.
  const own = destination.subset === undefined ? findService(snapshot, ns, destination.host) : undefined;
  const names = own ? workloadsOf(snapshot, own).map((w) => w.name) : sideSelector(snapshot, ns, destination).workloads;
  const seen = new Map<string, RolloutView['versions'][number]>();
  for (const w of snapshot.workloads) {
    if (w.namespace !== ns || (names !== undefined && !names.includes(w.name))) continue;
    const app = w.labels.app;
    const version = w.labels.version;
    if (!app || !version || (names === undefined && app !== destination.host)) continue;
    seen.set(`${app}@${version}`, { destination, app, version });
  }
  return [...seen.values()];
}
