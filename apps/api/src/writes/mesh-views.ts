import {
  ISTIO_KINDS,
  nsOf,
  validateObject,
  versionsOf,
  type IstioObjectList,
  type MeshSnapshot,
  type NamespaceList,
  type Service,
  type ServiceSummary,
} from '@sluice/model';
import type { MeshStore } from '../cluster/mesh-store';
import { gatewayRoutesFor } from './gateway-routing';
import { routingSetupBlocker } from './create-routing';
import { routingOf, workloadsOf } from './service-routing';

/* Read-side use cases: what the namespace picker, the service list and the Istio config list show. */

export function listNamespaces(snapshot: MeshSnapshot): NamespaceList {
  const istio = [...snapshot.virtualServices, ...snapshot.destinationRules, ...snapshot.gateways];
  return {
    items: snapshot.namespaces.map((name) => ({
      name,
      services: snapshot.services.filter((s) => nsOf(s) === name).length,
      istioObjects: istio.filter((o) => nsOf(o) === name).length,
    })),
  };
}

export function listServices(snapshot: MeshSnapshot, namespace: string): { items: ServiceSummary[] } {
  const items = snapshot.services
    .filter((s) => nsOf(s) === namespace)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
    .map((service) => summarise(snapshot, service));
  return { items };
}

function summarise(snapshot: MeshSnapshot, service: Service): ServiceSummary {
  const namespace = nsOf(service);
  const routing = routingOf(snapshot, namespace, service.metadata.name);
  const gatewayRoutes = gatewayRoutesFor(snapshot, service).routes;
  const virtualServices = [...routing.hostVirtualServices, ...routing.referencingVirtualServices].map(
    (vs) => vs.metadata.name,
  );
  return {
    namespace,
    name: service.metadata.name,
    ports: (service.spec.ports ?? []).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      port: p.port,
      protocol: portProtocol(p),
    })),
    versions: versionsOf(workloadsOf(snapshot, service)),
    virtualServices,
    destinationRules: routing.destinationRules.map((dr) => dr.metadata.name),
    gatewayRoutes: gatewayRoutes.map((r) => `${r.kind}/${r.metadata.name}`),
    // A Service routed by Gateway API routes has routing: "set up routing" would add a second router.
    hasRouting:
      routing.hostVirtualServices.length > 0 || routing.destinationRules.length > 0 || gatewayRoutes.length > 0,
    routingSetup: setupAvailability(snapshot, service),
  };
}

function setupAvailability(snapshot: MeshSnapshot, service: Service): ServiceSummary['routingSetup'] {
  const blocker = routingSetupBlocker(snapshot, service);
  return blocker ? { available: false, reason: blocker.message } : { available: true };
}

/**
 * Istio's protocol selection: appProtocol, else the port name's prefix (`grpc-web`, `http2`, `tcp-echo`).
 * Names Istio does not know are sniffed by the proxy; HTTP is what that finds for the services here.
 */
export function portProtocol(port: { name?: string; appProtocol?: string }): 'http' | 'grpc' | 'tcp' {
  const text = (port.appProtocol ?? port.name?.split('-')[0] ?? '').toLowerCase();
  if (text.startsWith('grpc')) return 'grpc';
  if (['tcp', 'tls', 'https', 'mongo', 'mysql', 'redis'].includes(text)) return 'tcp';
  return 'http';
}

/** Every Istio object in the namespaces (all when none given), each with the model's findings. */
export function listIstioObjects(store: MeshStore, namespaces: readonly string[] | undefined): IstioObjectList {
  const snapshot = store.snapshot();
  const items = ISTIO_KINDS.flatMap((kind) => store.list(kind, namespaces)).map((object) => ({
    object,
    findings: validateObject(object, snapshot),
  }));
  return { items };
}
