import type { EdgeLabels } from '@sluice/model';

/*
 * Normalised edge identity of a sample, reporter-agnostic, so the source-reported and the
 * destination-reported series of the same hop land on the same key.
 */

/** Istio writes "unknown" where it cannot tell; sources may also leave a label out (""). */
export function known(value: string | undefined): string {
  return value === undefined || value === 'unknown' ? '' : value;
}

/**
 * Envoy sends a mirrored request with the authority suffixed "-shadow"; depending on the Istio
 * version the destination's destination_service can carry it (and a port). Strip both so mirrors key
 * onto the service they copy.
 */
export function normaliseHost(host: string): string {
  const noPort = host.replace(/:\d+$/, '');
  const dot = noPort.indexOf('.');
  const first = dot < 0 ? noPort : noPort.slice(0, dot);
  return first.endsWith('-shadow') ? first.slice(0, -'-shadow'.length) + (dot < 0 ? '' : noPort.slice(dot)) : noPort;
}

export interface NormalisedLabels extends Omit<EdgeLabels, 'reporter'> {
  /** Reporter-agnostic hop identity. */
  key: string;
}

export function normaliseLabels(l: EdgeLabels): NormalisedLabels {
  const destinationService = normaliseHost(known(l.destinationService));
  const destinationServiceName = normaliseHost(known(l.destinationServiceName));
  const n = {
    sourceWorkload: known(l.sourceWorkload),
    sourceWorkloadNamespace: known(l.sourceWorkloadNamespace),
    sourceCanonicalService: known(l.sourceCanonicalService),
    sourceCanonicalRevision: known(l.sourceCanonicalRevision),
    destinationService,
    destinationServiceName,
    destinationServiceNamespace: known(l.destinationServiceNamespace),
    destinationWorkload: known(l.destinationWorkload),
    destinationWorkloadNamespace: known(l.destinationWorkloadNamespace),
    destinationCanonicalService: known(l.destinationCanonicalService),
    destinationCanonicalRevision: known(l.destinationCanonicalRevision),
    requestProtocol: l.requestProtocol,
  };
  const key = [
    n.sourceWorkloadNamespace,
    n.sourceWorkload,
    n.destinationServiceNamespace,
    n.destinationServiceName || n.destinationService,
    n.destinationWorkloadNamespace,
    n.destinationWorkload,
    n.requestProtocol,
  ].join('|');
  return { ...n, key };
}

/** Envoy response flags are a comma-separated list ("UT,URX"); "-" means none. */
export function hasFlag(flags: string, flag: string): boolean {
  return flags.split(',').some((f) => f.trim() === flag);
}
