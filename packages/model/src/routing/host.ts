/*
 * Host names as Istio compares them. A short name ("reviews") means a Kubernetes Service in the
 * namespace of whoever wrote it: the client for requests, the VirtualService/DestinationRule for
 * config. Anything with a dot is taken as written (Istio's ResolveShortnameToFQDN does the same),
 * except the DNS search forms a client may use ("reviews.bookinfo", "reviews.bookinfo.svc"), which
 * resolve only when the second label is a namespace we know of.
 */

export const CLUSTER_DOMAIN = 'cluster.local';

/** Drop a trailing ":port" and a trailing dot, and lower-case: authorities carry both. */
function normalise(host: string): string {
  return host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/**
 * Fully qualified name for a host written in `namespace`.
 * `knownNamespaces` lets "name.ns" (a DNS search form) resolve to the Service FQDN.
 */
export function resolveHost(
  host: string,
  namespace: string,
  knownNamespaces?: ReadonlySet<string> | readonly string[],
): string {
  const h = normalise(host);
  if (h === '*' || h.startsWith('*.')) return h;
  const labels = h.split('.');
  if (labels.length === 1) return `${h}.${namespace}.svc.${CLUSTER_DOMAIN}`;
  if (labels.length === 3 && labels[2] === 'svc') return `${h}.${CLUSTER_DOMAIN}`;
  if (labels.length === 2 && knownNamespaces && hasNamespace(knownNamespaces, labels[1] ?? '')) {
    return `${h}.svc.${CLUSTER_DOMAIN}`;
  }
  return h;
}

function hasNamespace(known: ReadonlySet<string> | readonly string[], ns: string): boolean {
  return 'has' in known ? known.has(ns) : known.includes(ns);
}

/** Whether a configured host (possibly a wildcard) covers a concrete request host. Both resolved. */
export function hostMatches(configured: string, requested: string): boolean {
  if (configured === '*') return true;
  if (configured.startsWith('*.')) {
    // "*.example.com" covers "a.example.com" and "a.b.example.com", not "example.com" itself.
    return requested.endsWith(configured.slice(1)) && requested.length > configured.length - 1;
  }
  if (requested.startsWith('*.')) {
    // A wildcard request host (rare: TLS SNI wildcards) is covered by an equal or wider wildcard only.
    return false;
  }
  return configured === requested;
}

/**
 * How specific a configured host is, for choosing between VirtualServices that cover the same
 * request host: an exact name beats any wildcard, and a longer wildcard suffix beats a shorter one.
 */
export function hostSpecificity(configured: string): number {
  if (configured === '*') return 0;
  if (configured.startsWith('*.')) return configured.length;
  return Number.MAX_SAFE_INTEGER;
}

/** "ns/name" for a Service FQDN ("reviews.bookinfo.svc.cluster.local"), or undefined for other hosts. */
export function serviceOfHost(fqdn: string): { namespace: string; name: string } | undefined {
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const [name, namespace, ...rest] = fqdn.slice(0, -suffix.length).split('.');
  if (!name || !namespace || rest.length > 0) return undefined;
  return { namespace, name };
}
