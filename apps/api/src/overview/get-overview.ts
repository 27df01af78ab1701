import {
  HEALTH_ORDER,
  healthOf,
  nsOf,
  readRollout,
  rolloutInProgress,
  validateObject,
  type MeshSnapshot,
  type Overview,
  type OverviewNamespace,
} from '@sluice/model';
import { asAppErrorLike } from '../errors/app-error';
import { isError } from '../samples/reporter-choice';
import type { HistoryAnswer } from '../traffic/history';
import type { TrafficSource } from '../traffic/traffic-source';

/*
 * GET /api/overview: a card per namespace, worst health first. One history read covers every
 * namespace (requests into its services, by the callers' proxies, grouped by namespace), so the
 * sparkline and the headline rate are the same measure: the headline is the sparkline's last step.
 */

const SPARK_STEP_SECONDS = 30;
const SPARK_POINTS = 20;

export async function getOverview(snapshot: MeshSnapshot, traffic: TrafficSource): Promise<Overview> {
  const namespaces = [...snapshot.namespaces].sort();
  let answer: HistoryAnswer | undefined;
  let metricsError: string | undefined;
  try {
    if (!traffic.history) throw new Error('this metrics backend keeps no history');
    answer = await traffic.history({
      namespaces,
      selections: [
        {
          reporter: 'source',
          match: { destinationServiceNamespace: namespaces },
          groupBy: 'destinationServiceNamespace',
        },
      ],
      stepSeconds: SPARK_STEP_SECONDS,
      points: SPARK_POINTS,
    });
  } catch (err) {
    const known = asAppErrorLike(err);
    if (known && known.status < 500) throw known;
    metricsError = err instanceof Error ? err.message : String(err);
  }
  const cards = namespaces.map((ns) => card(snapshot, ns, answer));
  cards.sort((a, b) => HEALTH_ORDER.indexOf(a.health) - HEALTH_ORDER.indexOf(b.health) || a.name.localeCompare(b.name));
  return {
    window: `${SPARK_STEP_SECONDS}s`,
    sparklineRange: `${SPARK_STEP_SECONDS * SPARK_POINTS}s`,
    sparklineStep: `${SPARK_STEP_SECONDS}s`,
    ...(metricsError ? { metricsError } : {}),
    namespaces: cards,
  };
}

function card(snapshot: MeshSnapshot, ns: string, answer: HistoryAnswer | undefined): OverviewNamespace {
  const points = (answer?.steps ?? []).map((step) => {
    if (!step) return null;
    const rows = (step[0]?.requests ?? []).filter((r) => r.group === ns);
    const rps = rows.reduce((a, r) => a + r.rps, 0);
    const errors = rows.filter((r) => isError({ ...r, responseFlags: '-' })).reduce((a, r) => a + r.rps, 0);
    return { rps, errorRate: rps > 0 ? errors / rps : null };
  });
  // The newest step with data (the newest is null while the metrics are younger than one step).
  const last = [...points].reverse().find((p) => p !== null) ?? null;
  const objects = [...snapshot.virtualServices, ...snapshot.destinationRules, ...snapshot.gateways].filter(
    (o) => nsOf(o) === ns,
  );
  const findings = objects.flatMap((o) => validateObject(o, snapshot));
  const virtualServices = snapshot.virtualServices.filter((vs) => nsOf(vs) === ns);
  return {
    name: ns,
    health: answer === undefined || last === null ? 'unknown' : healthOf(last.rps, last.errorRate ?? 0),
    inboundRps: last?.rps ?? null,
    errorRate: last?.errorRate ?? null,
    sparkline: points.map((p) => p?.rps ?? null),
    services: snapshot.services.filter((s) => nsOf(s) === ns).length,
    workloads: snapshot.workloads.filter((w) => w.namespace === ns).length,
    istioConfig: {
      objects: objects.length,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
    },
    activeRollouts: virtualServices
      .filter(rolloutInProgress)
      .map((vs) => readRollout(vs).state?.plan.stable.host.split('.')[0] ?? vs.metadata.name)
      .sort(),
    faults: virtualServices
      .filter((vs) => (vs.spec.http ?? []).some((r) => r.fault !== undefined))
      .map((vs) => vs.metadata.name)
      .sort(),
  };
}
