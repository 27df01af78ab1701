import { resolveHost } from '../routing/host';
import type { DestinationRule, Subset } from '../resources/istio';
import type { Workload } from '../resources/kube';

/*
 * DestinationRule subsets from the version labels of a service's workloads.
 *
 * Naming: istiod requires subset names to be DNS-1123 labels, and version labels are often not
 * ("v3.0"). A value is lower-cased, every run of characters outside [a-z0-9-] becomes "-", and
 * the ends are trimmed: "v3.0" -> "v3-0", "1.2.3_rc" -> "1-2-3-rc". Collisions get "-2", "-3".
 * When the service already has a DestinationRule, a subset that selects exactly that label value
 * keeps its name and everything else it has (trafficPolicy, extra labels): the data-product seed
 * calls version v3.0 "v3", and renaming it would break every VirtualService that routes to it.
 *
 * Order: label values sorted with numeric collation ("v9" before "v10"), which for the usual
 * version schemes puts the oldest version first.
 */

export function subsetName(labelValue: string): string {
  const name = labelValue
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return name === '' ? 'subset' : name;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Distinct values of `versionLabel` among the workloads, sorted oldest-first by numeric collation. */
export function versionsOf(workloads: readonly Workload[], versionLabel = 'version'): string[] {
  const values = new Set<string>();
  for (const w of workloads) {
    const v = w.labels[versionLabel];
    if (v !== undefined && v !== '') values.add(v);
  }
  return [...values].sort(collator.compare);
}

/**
 * One subset per distinct `versionLabel` value among `workloads` (the workloads behind `host`).
 * `existing` is the host's current DestinationRule, whose subset names are kept; one for another
 * host is ignored. Hosts compare by FQDN in the rule's namespace (or the workloads' namespace).
 */
export function subsetsFromWorkloads(
  host: string,
  workloads: readonly Workload[],
  versionLabel = 'version',
  existing?: DestinationRule,
): Subset[] {
  const namespace = existing?.metadata.namespace ?? workloads[0]?.namespace ?? 'default';
  const fqdn = resolveHost(host, namespace);
  const reusable =
    existing && resolveHost(existing.spec.host, existing.metadata.namespace ?? namespace) === fqdn
      ? (existing.spec.subsets ?? [])
      : [];
  const taken = new Set<string>();
  const subsets: Subset[] = [];
  const versions = versionsOf(workloads, versionLabel);
  // First pass: reuse existing names, so new names never steal one an existing subset holds.
  const reused = new Map<string, Subset>();
  for (const value of versions) {
    const match = reusable.find((s) => s.labels?.[versionLabel] === value && !taken.has(s.name));
    if (match) {
      reused.set(value, match);
      taken.add(match.name);
    }
  }
  for (const value of versions) {
    const kept = reused.get(value);
    if (kept) {
      subsets.push(kept);
      continue;
    }
    const name = unique(subsetName(value), taken, reusable);
    taken.add(name);
    subsets.push({ name, labels: { [versionLabel]: value } });
  }
  return subsets;
}

function unique(base: string, taken: ReadonlySet<string>, reserved: readonly Subset[]): string {
  const used = (n: string) => taken.has(n) || reserved.some((s) => s.name === n);
  if (!used(base)) return base;
  for (let i = 2; ; i += 1) {
    const candidate = `${base.slice(0, 60)}-${i}`;
    if (!used(candidate)) return candidate;
  }
}
