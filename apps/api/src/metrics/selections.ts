import { nsOf, selectorMatches, type MeshSnapshot, type MetricsResponse, type MetricsTargetKind } from '@sluice/model';
import { notFound } from '../errors/app-error';
import type { HistorySelection } from '../traffic/history';
import { findService, workloadsOf } from '../writes/service-routing';

/*
 * Which requests each direction of a service or workload covers, and whose proxy reports them.
 * Inbound to a service: the callers' proxies (reporter=source), so the split the callers saw, injected
 * faults and all, is what the chart shows (callers without a sidecar are not counted). Inbound to a
 * workload: its own sidecar (reporter=destination). Outbound: always the source, the target's own proxy.
 */

export interface TargetSelections {
  selections: [HistorySelection, HistorySelection];
  directions: MetricsResponse['directions'];
  /** Service names whose writes are this target's change markers. */
  services: string[];
}

export function selectionsFor(
  snapshot: MeshSnapshot,
  kind: MetricsTargetKind,
  ns: string,
  name: string,
): TargetSelections {
  if (kind === 'service') {
    const service = findService(snapshot, ns, name);
    if (!service) throw notFound(`Service ${ns}/${name}`);
    const workloads = workloadsOf(snapshot, service).map((w) => w.name);
    return {
      selections: [
        {
          reporter: 'source',
          match: { destinationServiceName: name, destinationServiceNamespace: ns },
          groupBy: 'destinationCanonicalRevision',
        },
        {
          reporter: 'source',
          match: { sourceWorkload: workloads, sourceWorkloadNamespace: ns },
          groupBy: 'sourceCanonicalRevision',
        },
      ],
      directions: [
        {
          direction: 'inbound',
          reporter: 'source',
          covers: `requests to service ${name}.${ns}, as its callers' proxies saw them, by destination version`,
        },
        {
          direction: 'outbound',
          reporter: 'source',
          covers: `requests from the workloads of ${name}.${ns} (${workloads.join(', ') || 'none'}), by their version`,
        },
      ],
      services: [name],
    };
  }
  const workload = snapshot.workloads.find((w) => w.namespace === ns && w.name === name);
  if (!workload) throw notFound(`workload ${ns}/${name}`);
  const services = snapshot.services
    .filter((s) => nsOf(s) === ns && s.spec.selector && selectorMatches(s.spec.selector, workload.labels))
    .map((s) => s.metadata.name);
  return {
    selections: [
      {
        reporter: 'destination',
        match: { destinationWorkload: name, destinationWorkloadNamespace: ns },
        groupBy: 'destinationCanonicalRevision',
      },
      {
        reporter: 'source',
        match: { sourceWorkload: name, sourceWorkloadNamespace: ns },
        groupBy: 'sourceCanonicalRevision',
      },
    ],
    directions: [
      {
        direction: 'inbound',
        reporter: 'destination',
        covers: `requests to workload ${name}.${ns}, as its own sidecar saw them`,
      },
      {
        direction: 'outbound',
        reporter: 'source',
        covers: `requests from workload ${name}.${ns}, as its own sidecar saw them`,
      },
    ],
    services,
  };
}
