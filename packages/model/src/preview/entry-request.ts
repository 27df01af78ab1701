import type { VirtualService } from '../resources/istio';
import type { MeshSnapshot } from '../resources/snapshot';
import { boundGateways, MESH_GATEWAY } from '../routing/gateway-ref';
import { resolveHost, serviceOfHost } from '../routing/host';
import type { RoutingRequest } from '../routing/types';
import { gammaEntryFor, kubeGatewayEntryFor } from './gateway-api-entry';
import type { ObservedCall } from './observed-mix';

/*
 * The request a call stands for, before any path or header: who sends it, to which host and port.
 * Metrics name the Service a gateway routed to, not the host the client asked for, so gateway calls
 * are traced back to a gateway-bound VirtualService of the current config that routes to that
 * Service: its host (a wildcard made concrete) and its Gateway's port are what the client used.
 */

export type BaseRequest = Omit<RoutingRequest, 'path' | 'headers' | 'method'>;

const protocolOf = (c: ObservedCall): RoutingRequest['protocol'] => c.protocol;

function servicePort(snapshot: MeshSnapshot, call: ObservedCall): number | undefined {
  const svc = snapshot.services.find(
    (s) => s.metadata.name === call.serviceName && (s.metadata.namespace ?? 'default') === call.serviceNamespace,
  );
  const ports = svc?.spec.ports ?? [];
  const wanted = call.protocol === 'tcp' ? 'tcp' : call.protocol === 'grpc' ? 'grpc' : 'http';
  const named = ports.find((p) => (p.appProtocol ?? p.name ?? '').startsWith(wanted));
  return (named ?? ports[0])?.port;
}

function routesTo(vs: VirtualService, fqdn: string): boolean {
  const ns = vs.metadata.namespace ?? 'default';
  const all = [...(vs.spec.http ?? []), ...(vs.spec.tcp ?? []), ...(vs.spec.tls ?? [])];
  return all.some((r) => (r.route ?? []).some((d) => resolveHost(d.destination.host, ns) === fqdn));
}

const concreteHost = (h: string): string => (h === '*' ? 'preview.sluice.invalid' : h.replace(/^\*\./, 'any.'));

export interface GatewayEntry {
  host: string;
  gateway: string;
  port?: number;
}

/** How traffic reached `fqdn` through an ingress gateway workload in the current config, if any VirtualService says. */
export function gatewayEntryFor(snapshot: MeshSnapshot, call: ObservedCall): GatewayEntry | undefined {
  const fqdn = call.service;
  for (const vs of snapshot.virtualServices) {
    const ns = vs.metadata.namespace ?? 'default';
    const gateways = boundGateways(vs.spec.gateways, ns).filter((g) => g !== MESH_GATEWAY);
    const wantsTcp = call.protocol === 'tcp';
    const hasRoutes = wantsTcp ? (vs.spec.tcp ?? []).length > 0 : (vs.spec.http ?? []).length > 0;
    if (gateways.length === 0 || !hasRoutes || !routesTo(vs, fqdn)) continue;
    const gateway = gateways[0] as string;
    const [gwNs, gwName] = gateway.split('/');
    const gw = snapshot.gateways.find(
      (g) => g.metadata.name === gwName && (g.metadata.namespace ?? 'default') === gwNs,
    );
    const servers = gw?.spec.servers ?? [];
    const server = servers.find((s) => s.port.protocol.toUpperCase() === (wantsTcp ? 'TCP' : 'HTTP')) ?? servers[0];
    const host = concreteHost(vs.spec.hosts?.[0] ?? fqdn);
    return { host, gateway, ...(server ? { port: server.port.number } : {}) };
  }
  return undefined;
}

/** Is the caller an ingress gateway workload (it routes by gateway-bound VirtualServices)? */
export function isGatewayCaller(snapshot: MeshSnapshot, call: ObservedCall): boolean {
  const s = call.source;
  if (s.workload.startsWith('istio-ingressgateway') || s.canonical === 'istio-ingressgateway') return true;
  const w = snapshot.workloads.find((x) => x.namespace === s.namespace && x.name === s.workload);
  return w?.labels.istio === 'ingressgateway';
}

/** The routing request of a call, or undefined for a gateway call no VirtualService explains (left as observed). */
export function baseRequest(snapshot: MeshSnapshot, call: ObservedCall): BaseRequest | undefined {
  const labels = snapshot.workloads.find(
    (w) => w.namespace === call.source.namespace && w.name === call.source.workload,
  )?.labels;
  const kube = kubeGatewayEntryFor(snapshot, call);
  if (kube) {
    return {
      protocol: protocolOf(call),
      host: kube.host,
      namespace: call.source.namespace,
      ...(kube.port === undefined ? {} : { port: kube.port }),
      source: {
        kind: 'gateway',
        gateway: kube.gateway,
        namespace: call.source.namespace,
        ...(labels ? { labels } : {}),
      },
    };
  }
  if (isGatewayCaller(snapshot, call)) {
    const entry = gatewayEntryFor(snapshot, call);
    if (!entry) return undefined;
    return {
      protocol: protocolOf(call),
      host: entry.host,
      namespace: call.source.namespace,
      ...(entry.port === undefined ? {} : { port: entry.port }),
      source: {
        kind: 'gateway',
        gateway: entry.gateway,
        namespace: call.source.namespace,
        ...(labels ? { labels } : {}),
      },
    };
  }
  const gamma = gammaEntryFor(snapshot, call);
  const port = gamma ? gamma.port : servicePort(snapshot, call);
  const svc = serviceOfHost(call.service);
  return {
    protocol: protocolOf(call),
    host: gamma ? gamma.host : svc ? call.service : call.serviceName,
    namespace: call.source.namespace,
    ...(port === undefined ? {} : { port }),
    source: { kind: 'mesh', namespace: call.source.namespace, ...(labels ? { labels } : {}) },
  };
}
