import {
  canonicalRevision,
  canonicalService,
  nsOf,
  podsOfWorkload,
  selectorMatches,
  type AppDetail,
  type MeshSnapshot,
  type PodSummary,
  type WorkloadDetail,
} from '@sluice/model';
import { notFound } from '../errors/app-error';

/** GET /api/namespaces/:ns/workloads/:name: the workload page's facts, from the store. */
export function getWorkload(snapshot: MeshSnapshot, ns: string, name: string): WorkloadDetail {
  const w = snapshot.workloads.find((x) => x.namespace === ns && x.name === name);
  if (!w) throw notFound(`workload ${ns}/${name}`);
  const app = canonicalService(w);
  return {
    namespace: ns,
    name,
    kind: w.kind,
    app,
    version: canonicalRevision(w),
    replicas: w.replicas,
    labels: w.labels,
    ...(w.createdAt ? { createdAt: w.createdAt } : {}),
    services: snapshot.services
      .filter((s) => nsOf(s) === ns && s.spec.selector && selectorMatches(s.spec.selector, w.labels))
      .map((s) => s.metadata.name)
      .sort(),
    siblings: snapshot.workloads
      .filter((x) => x.namespace === ns && canonicalService(x) === app)
      .map((x) => ({ name: x.name, version: canonicalRevision(x), replicas: x.replicas }))
      .sort((a, b) => a.version.localeCompare(b.version)),
    pods: podsOfWorkload(snapshot.pods, ns, name),
    podsListed: snapshot.pods !== undefined,
  };
}

/** Pods grouped by their own version label, versions in order. */
function byVersion(pods: readonly PodSummary[]): AppDetail['versions'] {
  const groups = new Map<string, PodSummary[]>();
  for (const p of pods) groups.set(p.version, [...(groups.get(p.version) ?? []), p]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([version, list]) => ({ version, pods: list.sort((a, b) => a.name.localeCompare(b.name)) }));
}

/** GET /api/namespaces/:ns/apps/:app: the app page's workloads (one per version) and services. */
export function getApp(snapshot: MeshSnapshot, ns: string, app: string): AppDetail {
  const workloads = snapshot.workloads.filter((w) => w.namespace === ns && canonicalService(w) === app);
  if (workloads.length === 0) throw notFound(`app ${ns}/${app} (no workload has app=${app})`);
  const services = snapshot.services
    .filter(
      (s) => nsOf(s) === ns && s.spec.selector && workloads.some((w) => selectorMatches(s.spec.selector, w.labels)),
    )
    .map((s) => s.metadata.name)
    .sort();
  return {
    namespace: ns,
    app,
    workloads: workloads
      .map((w) => ({ name: w.name, version: canonicalRevision(w), replicas: w.replicas, kind: w.kind }))
      .sort((a, b) => a.version.localeCompare(b.version)),
    services,
    // The pods of the app's workloads (not every pod labelled app=...: those are not the app's versions).
    versions: byVersion(workloads.flatMap((w) => podsOfWorkload(snapshot.pods, ns, w.name))),
    podsListed: snapshot.pods !== undefined,
  };
}
