import type { KubeGateway, KubeRoute } from '../resources/gateway-api';
import { nsOf } from '../resources/kube';
import type { MeshSnapshot } from '../resources/snapshot';
import { resolveHost } from '../routing/host';
import type { ObservedCall } from './observed-mix';

/*
 * Gateway API routes split by backendRef, and each backend is its own Service: Istio's metrics name
 * the backend Service (echo-v1), not the host the client asked for (echo.example.com through a
 * Gateway, or the GAMMA parent Service echo). So a call to a backend Service is traced back to the
 * route that sent it there - attached to the caller's Gateway API Gateway, or a GAMMA route with
 * another parent Service - and routed again as the request the client made. A backend some client
 * also calls directly would be taken for the route's traffic too: the preview says it assumed this.
 */

export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

const routesFor = (snapshot: MeshSnapshot, protocol: ObservedCall['protocol']): KubeRoute[] =>
  protocol === 'tcp'
    ? (snapshot.tcpRoutes ?? [])
    : protocol === 'grpc'
      ? [...(snapshot.grpcRoutes ?? []), ...(snapshot.httpRoutes ?? [])]
      : (snapshot.httpRoutes ?? []);

function sendsTo(route: KubeRoute, fqdn: string): boolean {
  const ns = nsOf(route);
  return (route.spec.rules ?? []).some((rule) =>
    (rule.backendRefs ?? []).some(
      (b) => (b.kind ?? 'Service') === 'Service' && resolveHost(b.name, b.namespace ?? ns) === fqdn,
    ),
  );
}

const concreteHost = (h: string): string => (h === '*' ? 'preview.sluice.invalid' : h.replace(/^\*\./, 'any.'));

/** The Gateway API Gateway a caller workload implements (Istio labels its Deployment with the Gateway's name). */
export function kubeGatewayOf(snapshot: MeshSnapshot, call: ObservedCall): KubeGateway | undefined {
  const s = call.source;
  const labels = snapshot.workloads.find((w) => w.namespace === s.namespace && w.name === s.workload)?.labels;
  const name = labels?.[GATEWAY_NAME_LABEL];
  if (!name) return undefined;
  return (snapshot.kubeGateways ?? []).find((g) => g.metadata.name === name && nsOf(g) === s.namespace);
}

export interface KubeGatewayEntry {
  /** "ns/name" of the Gateway API Gateway. */
  gateway: string;
  host: string;
  port?: number;
  route: string;
}

/** How a call from a Gateway API Gateway's workload reached its backend Service: the route and the host asked for. */
export function kubeGatewayEntryFor(snapshot: MeshSnapshot, call: ObservedCall): KubeGatewayEntry | undefined {
  const gw = kubeGatewayOf(snapshot, call);
  if (!gw) return undefined;
  const gwNs = nsOf(gw);
  const route = routesFor(snapshot, call.protocol).find(
    (r) =>
      (r.spec.parentRefs ?? []).some(
        (p) => (p.kind ?? 'Gateway') === 'Gateway' && p.name === gw.metadata.name && (p.namespace ?? nsOf(r)) === gwNs,
      ) && sendsTo(r, call.service),
  );
  if (!route) return undefined;
  const listeners = gw.spec.listeners ?? [];
  const wanted = call.protocol === 'tcp' ? 'TCP' : 'HTTP';
  const listener = listeners.find((l) => l.protocol.toUpperCase() === wanted) ?? listeners[0];
  const hostnames = route.kind === 'TCPRoute' ? [] : (route.spec.hostnames ?? []);
  const host = concreteHost(hostnames[0] ?? listener?.hostname ?? call.service);
  return {
    gateway: `${gwNs}/${gw.metadata.name}`,
    host,
    ...(listener ? { port: listener.port } : {}),
    route: `${route.kind} ${nsOf(route)}/${route.metadata.name}`,
  };
}

export interface GammaEntry {
  /** FQDN of the parent Service the client called. */
  host: string;
  port?: number;
  route: string;
}

/** A mesh call to a Service that is a backend of a GAMMA route whose parent is another Service. */
export function gammaEntryFor(snapshot: MeshSnapshot, call: ObservedCall): GammaEntry | undefined {
  for (const route of routesFor(snapshot, call.protocol)) {
    if (!sendsTo(route, call.service)) continue;
    const parent = (route.spec.parentRefs ?? []).find(
      (p) =>
        (p.group ?? '') === '' &&
        p.kind === 'Service' &&
        resolveHost(p.name, p.namespace ?? nsOf(route)) !== call.service,
    );
    if (!parent) continue;
    return {
      host: resolveHost(parent.name, parent.namespace ?? nsOf(route)),
      ...(parent.port === undefined ? {} : { port: parent.port }),
      route: `${route.kind} ${nsOf(route)}/${route.metadata.name}`,
    };
  }
  return undefined;
}
