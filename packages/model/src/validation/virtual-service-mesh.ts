import { resolveHost } from '../routing/host';
import type { Destination, HTTPMatchRequest, VirtualService } from '../resources/istio';
import { nsOf } from '../resources/kube';
import type { MeshSnapshot } from '../resources/snapshot';
import type { Finding } from './finding';
import { error, warning } from './codes';
import {
  findGateway,
  gatewayServerHost,
  hostsOverlap,
  isWildcard,
  knownServiceHosts,
  parseGatewayRef,
  subsetExists,
} from './mesh-index';

/** Cross-object checks of one VirtualService against the rest of the mesh. */
export function checkVirtualServiceAgainstMesh(vs: VirtualService, ctx: MeshSnapshot): Finding[] {
  return [...checkDestinationsKnown(vs, ctx), ...checkGateways(vs, ctx), ...checkOverlaps(vs, ctx)];
}

/** Every destination (route, mirror, mirrors) with its path. */
function destinationsOf(vs: VirtualService): { destination: Destination; path: string }[] {
  const out: { destination: Destination; path: string }[] = [];
  (vs.spec.http ?? []).forEach((r, i) => {
    (r.route ?? []).forEach((d, j) =>
      out.push({ destination: d.destination, path: `spec.http[${i}].route[${j}].destination` }),
    );
    if (r.mirror) out.push({ destination: r.mirror, path: `spec.http[${i}].mirror` });
    (r.mirrors ?? []).forEach((m, k) =>
      out.push({ destination: m.destination, path: `spec.http[${i}].mirrors[${k}].destination` }),
    );
  });
  for (const kind of ['tcp', 'tls'] as const) {
    (vs.spec[kind] ?? []).forEach((r, i) =>
      (r.route ?? []).forEach((d, j) =>
        out.push({ destination: d.destination, path: `spec.${kind}[${i}].route[${j}].destination` }),
      ),
    );
  }
  return out;
}

function checkDestinationsKnown(vs: VirtualService, ctx: MeshSnapshot): Finding[] {
  const ns = nsOf(vs);
  const services = knownServiceHosts(ctx);
  const findings: Finding[] = [];
  for (const { destination, path } of destinationsOf(vs)) {
    if (!destination.host) continue;
    const fqdn = resolveHost(destination.host, ns, ctx.namespaces);
    if (!services.has(fqdn)) {
      findings.push(
        warning(
          `${path}.host`,
          'host_unknown',
          `no Service (or ServiceEntry) known for host "${destination.host}" (${fqdn})`,
        ),
      );
    }
    if (destination.subset !== undefined && !subsetExists(ctx, destination, ns)) {
      findings.push(
        error(
          `${path}.subset`,
          'subset_not_found',
          `no DestinationRule for ${fqdn} defines subset "${destination.subset}"`,
        ),
      );
    }
  }
  // A mesh VirtualService's own hosts are service names; a gateway-only one's are outside names.
  if (appliesToMesh(vs)) {
    (vs.spec.hosts ?? []).forEach((h, i) => {
      const fqdn = resolveHost(h, ns, ctx.namespaces);
      if (h && !isWildcard(fqdn) && !services.has(fqdn)) {
        findings.push(
          warning(`spec.hosts[${i}]`, 'host_unknown', `no Service (or ServiceEntry) known for host "${h}" (${fqdn})`),
        );
      }
    });
  }
  return findings;
}

const appliesToMesh = (vs: VirtualService): boolean =>
  (vs.spec.gateways ?? []).length === 0 || (vs.spec.gateways ?? []).includes('mesh');

function checkGateways(vs: VirtualService, ctx: MeshSnapshot): Finding[] {
  const ns = nsOf(vs);
  const findings: Finding[] = [];
  const serverHosts: string[] = [];
  const refs: { ref: string; path: string }[] = (vs.spec.gateways ?? []).map((ref, i) => ({
    ref,
    path: `spec.gateways[${i}]`,
  }));
  (vs.spec.http ?? []).forEach((r, i) =>
    (r.match ?? []).forEach((m: HTTPMatchRequest, j) =>
      (m.gateways ?? []).forEach((ref, k) => refs.push({ ref, path: `spec.http[${i}].match[${j}].gateways[${k}]` })),
    ),
  );
  for (const { ref, path } of refs) {
    const target = parseGatewayRef(ref, ns);
    if (!target) continue;
    const gateway = findGateway(ctx, target);
    if (!gateway)
      findings.push(error(path, 'gateway_not_found', `Gateway ${target.namespace}/${target.name} does not exist`));
    else if (path.startsWith('spec.gateways'))
      for (const s of gateway.spec.servers ?? []) serverHosts.push(...s.hosts.map(gatewayServerHost));
  }
  if (serverHosts.length > 0) {
    (vs.spec.hosts ?? []).forEach((h, i) => {
      if (!serverHosts.some((g) => hostsOverlap(g, h.toLowerCase()))) {
        findings.push(
          warning(
            `spec.hosts[${i}]`,
            'gateway_host_mismatch',
            `host "${h}" is not served by any of the VirtualService's Gateways`,
          ),
        );
      }
    });
  }
  return findings;
}

/** The scopes a VirtualService applies in: "mesh" and/or "ns/gateway". */
function scopesOf(vs: VirtualService): string[] {
  const gateways = vs.spec.gateways ?? [];
  if (gateways.length === 0) return ['mesh'];
  return gateways.map((g) => {
    const ref = parseGatewayRef(g, nsOf(vs));
    return ref ? `${ref.namespace}/${ref.name}` : 'mesh';
  });
}

function checkOverlaps(vs: VirtualService, ctx: MeshSnapshot): Finding[] {
  const ns = nsOf(vs);
  const scopes = scopesOf(vs);
  const others = ctx.virtualServices.filter((o) => !(o.metadata.name === vs.metadata.name && nsOf(o) === ns));
  const findings: Finding[] = [];
  (vs.spec.hosts ?? []).forEach((h, i) => {
    const fqdn = resolveHost(h, ns, ctx.namespaces);
    const clash = others.filter(
      (o) =>
        scopesOf(o).some((s) => scopes.includes(s)) &&
        (o.spec.hosts ?? []).some((oh) => resolveHost(oh, nsOf(o), ctx.namespaces) === fqdn),
    );
    if (clash.length > 0) {
      const names = clash.map((o) => `${nsOf(o)}/${o.metadata.name}`).join(', ');
      findings.push(
        warning(
          `spec.hosts[${i}]`,
          'host_multiple_virtual_services',
          `host "${h}" is also routed by ${names}; Istio merges them unpredictably`,
        ),
      );
    }
  });
  return findings;
}

/** A match entry with no conditions (or only `uri.prefix: "/"`) matches every request. */
function matchesEverything(match: readonly object[] | undefined): boolean {
  if (!match || match.length === 0) return true;
  return match.some((m) =>
    Object.entries(m).every(([k, v]) => k === 'name' || k === 'ignoreUriCase' || (k === 'uri' && isRootPrefix(v))),
  );
}
function isRootPrefix(v: unknown): boolean {
  return (
    typeof v === 'object' && v !== null && Object.keys(v).length === 1 && (v as { prefix?: unknown }).prefix === '/'
  );
}

/** Routes after one that matches everything are never reached: Istio stops at the first match. */
export function checkUnreachable(vs: VirtualService): Finding[] {
  const findings: Finding[] = [];
  for (const kind of ['http', 'tcp', 'tls'] as const) {
    const routes: readonly { match?: readonly object[] | undefined }[] = vs.spec[kind] ?? [];
    const catchAll = routes.findIndex((r) => matchesEverything(r.match));
    if (catchAll < 0) continue;
    for (let i = catchAll + 1; i < routes.length; i += 1) {
      findings.push(
        warning(
          `spec.${kind}[${i}]`,
          'route_unreachable',
          `never matched: ${kind}[${catchAll}] before it matches every request`,
        ),
      );
    }
  }
  return findings;
}
