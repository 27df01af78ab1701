import { resolveHost } from '../routing/host';
import type { DestinationRule } from '../resources/istio';
import { selectorMatches } from '../resources/kube';
import type { MeshSnapshot } from '../resources/snapshot';
import type { Finding } from './finding';
import { error, warning } from './codes';
import { nsOf } from '../resources/kube';
import { isWildcard, knownServiceHosts } from './mesh-index';
import { checkTrafficPolicy } from './traffic-policy';
import type { TrafficPolicy } from '../resources/traffic-policy';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * istiod's rules for a DestinationRule (host, subset names, the traffic policies of the host and each
 * subset), and with `ctx` the host and each subset's workloads.
 */
export function validateDestinationRule(dr: DestinationRule, ctx?: MeshSnapshot): Finding[] {
  const findings: Finding[] = [];
  if (!dr.spec.host) findings.push(error('spec.host', 'host_empty', 'a DestinationRule needs a host'));
  findings.push(...checkTrafficPolicy(dr.spec.trafficPolicy as TrafficPolicy | undefined, 'spec.trafficPolicy'));
  const names = new Set<string>();
  (dr.spec.subsets ?? []).forEach((s, i) => {
    const path = `spec.subsets[${i}].name`;
    if (!DNS1123_LABEL.test(s.name)) {
      findings.push(
        error(
          path,
          'subset_name_invalid',
          `subset name "${s.name}" must be a DNS-1123 label (lower-case letters, digits, "-")`,
        ),
      );
    }
    if (names.has(s.name)) findings.push(error(path, 'subset_name_duplicate', `subset "${s.name}" is defined twice`));
    findings.push(
      ...checkTrafficPolicy(s.trafficPolicy as TrafficPolicy | undefined, `spec.subsets[${i}].trafficPolicy`),
    );
    names.add(s.name);
  });
  if (ctx && dr.spec.host) findings.push(...checkAgainstMesh(dr, ctx));
  return findings;
}

function checkAgainstMesh(dr: DestinationRule, ctx: MeshSnapshot): Finding[] {
  const fqdn = resolveHost(dr.spec.host, nsOf(dr), ctx.namespaces);
  if (isWildcard(fqdn)) return [];
  const service = ctx.services.find((s) => resolveHost(s.metadata.name, s.metadata.namespace ?? 'default') === fqdn);
  if (!service || !knownServiceHosts(ctx).has(fqdn)) {
    return [
      warning('spec.host', 'host_unknown', `no Service (or ServiceEntry) known for host "${dr.spec.host}" (${fqdn})`),
    ];
  }
  const backing = ctx.workloads.filter(
    (w) =>
      w.namespace === (service.metadata.namespace ?? 'default') && selectorMatches(service.spec.selector, w.labels),
  );
  const findings: Finding[] = [];
  (dr.spec.subsets ?? []).forEach((s, i) => {
    const labels = s.labels ?? {};
    if (
      Object.keys(labels).length > 0 &&
      !backing.some((w) => Object.entries(labels).every(([k, v]) => w.labels[k] === v))
    ) {
      findings.push(
        warning(
          `spec.subsets[${i}].labels`,
          'subset_selects_nothing',
          `subset "${s.name}" selects none of ${service.metadata.name}'s workloads`,
        ),
      );
    }
  });
  return findings;
}
