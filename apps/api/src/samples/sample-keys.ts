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
  // Fast path: graph building normalises every sample, and almost no host carries either.
  if (!host.includes(':') && !host.includes('-shadow')) return host;
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
  const sourceWorkload = known(l.sourceWorkload);
  const sourceWorkloadNamespace = known(l.sourceWorkloadNamespace);
  const destinationServiceNamespace = known(l.destinationServiceNamespace);
  const destinationWorkload = known(l.destinationWorkload);
  const destinationWorkloadNamespace = known(l.destinationWorkloadNamespace);
  return {
    key: `${sourceWorkloadNamespace}|${sourceWorkload}|${destinationServiceNamespace}|${destinationServiceName || destinationService}|${destinationWorkloadNamespace}|${destinationWorkload}|${l.requestProtocol}`,
    sourceWorkload,
    sourceWorkloadNamespace,
    sourceCanonicalService: known(l.sourceCanonicalService),
    sourceCanonicalRevision: known(l.sourceCanonicalRevision),
    destinationService,
    destinationServiceName,
    destinationServiceNamespace,
    destinationWorkload,
    destinationWorkloadNamespace,
    destinationCanonicalService: known(l.destinationCanonicalService),
    destinationCanonicalRevision: known(l.destinationCanonicalRevision),
    requestProtocol: l.requestProtocol,
  };
}

/** Just the hop key of a sample (latency lookups need no more). */
export function hopKey(l: EdgeLabels): string {
  const name = normaliseHost(known(l.destinationServiceName)) || normaliseHost(known(l.destinationService));
  return `${known(l.sourceWorkloadNamespace)}|${known(l.sourceWorkload)}|${known(l.destinationServiceNamespace)}|${name}|${known(l.destinationWorkloadNamespace)}|${known(l.destinationWorkload)}|${l.requestProtocol}`;
}

/** Envoy response flags are a comma-separated list ("UT,URX"); "-" means none. */
export function hasFlag(flags: string, flag: string): boolean {
  if (!flags.includes(flag)) return false;
  return flags.split(',').some((f) => f.trim() === flag);
}
