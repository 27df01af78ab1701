import type { EdgeLabels, Reporter } from '@sluice/model';

/*
 * Who talks to whom, in the vocabulary of Istio's standard metric labels. "unknown" is what Istio
 * writes when a peer has no metadata (no sidecar, no such workload, no route).
 */

export const UNKNOWN = 'unknown';

export interface PeerIdentity {
  workload: string;
  namespace: string;
  app: string;
  version: string;
  canonicalService: string;
  canonicalRevision: string;
  principal: string;
}

export interface ServiceIdentity {
  /** destination_service: the FQDN (or the host as addressed, for hosts that are not Services). */
  fqdn: string;
  name: string;
  namespace: string;
}

export type Protocol = 'http' | 'grpc' | 'tcp';

export interface Edge {
  reporter: Reporter;
  source: PeerIdentity;
  service: ServiceIdentity;
  destination: PeerIdentity;
  protocol: Protocol;
}

export const UNKNOWN_PEER: PeerIdentity = {
  workload: UNKNOWN,
  namespace: UNKNOWN,
  app: UNKNOWN,
  version: UNKNOWN,
  canonicalService: UNKNOWN,
  canonicalRevision: UNKNOWN,
  principal: UNKNOWN,
};

export const UNKNOWN_SERVICE: ServiceIdentity = { fqdn: UNKNOWN, name: UNKNOWN, namespace: UNKNOWN };

/** Labels common to request and TCP metrics, in the order Istio's stats filter writes them. */
export function edgeLabelPairs(e: Edge): [string, string][] {
  return [
    ['reporter', e.reporter],
    ['source_workload', e.source.workload],
    ['source_canonical_service', e.source.canonicalService],
    ['source_canonical_revision', e.source.canonicalRevision],
    ['source_workload_namespace', e.source.namespace],
    ['source_principal', e.source.principal],
    ['source_app', e.source.app],
    ['source_version', e.source.version],
    ['source_cluster', 'Kubernetes'],
    ['destination_workload', e.destination.workload],
    ['destination_workload_namespace', e.destination.namespace],
    ['destination_principal', e.destination.principal],
    ['destination_app', e.destination.app],
    ['destination_version', e.destination.version],
    ['destination_service', e.service.fqdn],
    ['destination_canonical_service', e.destination.canonicalService],
    ['destination_canonical_revision', e.destination.canonicalRevision],
    ['destination_service_name', e.service.name],
    ['destination_service_namespace', e.service.namespace],
    ['destination_cluster', e.destination === UNKNOWN_PEER ? UNKNOWN : 'Kubernetes'],
    ['request_protocol', e.protocol],
  ];
}

/** Sidecars talk mTLS (PeerAuthentication defaults); the source side cannot tell, so says "unknown". */
export function securityPolicy(reporter: Reporter): string {
  return reporter === 'destination' ? 'mutual_tls' : UNKNOWN;
}

export function edgeKey(e: Edge): string {
  return `${e.reporter}|${e.source.namespace}/${e.source.workload}|${e.service.fqdn}|${e.destination.namespace}/${e.destination.workload}|${e.protocol}`;
}

const blank = (v: string): string => (v === UNKNOWN ? '' : v);

/** The sample contract writes "" where Istio writes "unknown". */
export function edgeSampleLabels(e: Edge): EdgeLabels {
  return {
    reporter: e.reporter,
    sourceWorkload: blank(e.source.workload),
    sourceWorkloadNamespace: blank(e.source.namespace),
    sourceCanonicalService: blank(e.source.canonicalService),
    sourceCanonicalRevision: blank(e.source.canonicalRevision),
    destinationService: blank(e.service.fqdn),
    destinationServiceName: blank(e.service.name),
    destinationServiceNamespace: blank(e.service.namespace),
    destinationWorkload: blank(e.destination.workload),
    destinationWorkloadNamespace: blank(e.destination.namespace),
    destinationCanonicalService: blank(e.destination.canonicalService),
    destinationCanonicalRevision: blank(e.destination.canonicalRevision),
    requestProtocol: e.protocol,
  };
}
