import type { Gateway } from '../resources/istio';
import { hostMatches, resolveHost } from './host';

/*
 * Gateway references as VirtualServices write them: "mesh" (the sidecars), "ns/name", or a bare
 * "name" that Istio resolves in the VirtualService's own namespace.
 */

export const MESH_GATEWAY = 'mesh';

/** Canonical key for a gateway reference: "mesh" or "ns/name". */
export function gatewayKey(ref: string, vsNamespace: string): string {
  if (ref === MESH_GATEWAY) return MESH_GATEWAY;
  return ref.includes('/') ? ref : `${vsNamespace}/${ref}`;
}

/** The gateways a VirtualService binds to; none written means the mesh only. */
export function boundGateways(gateways: readonly string[] | undefined, vsNamespace: string): string[] {
  if (!gateways || gateways.length === 0) return [MESH_GATEWAY];
  return gateways.map((g) => gatewayKey(g, vsNamespace));
}

export function findGateway(gateways: readonly Gateway[], key: string): Gateway | undefined {
  const [ns, name] = key.split('/');
  return gateways.find((g) => g.metadata.name === name && (g.metadata.namespace ?? 'default') === ns);
}

/**
 * Whether a Gateway's servers admit a host. Envoy on the gateway has no virtual host for anything
 * else, so such requests get a 404 however the VirtualService is written. Server hosts may carry a
 * "namespace/" prefix (which namespaces' VirtualServices may bind); it does not change which
 * request hosts are admitted. Ports are not compared: a server's port is the gateway pod's
 * listener (often 8080) while clients address the gateway Service's port (often 80).
 */
export function gatewayAdmits(gateway: Gateway, host: string): boolean {
  const servers = gateway.spec.servers ?? [];
  return servers.some((server) => {
    return server.hosts.some((h) => {
      const bare = h.includes('/') ? h.slice(h.indexOf('/') + 1) : h;
      return hostMatches(resolveHost(bare, gateway.metadata.namespace ?? 'default'), host);
    });
  });
}
