import {
  canonicalRevision,
  canonicalService,
  createMeshIndex,
  destinationKey,
  destinationRuleFor,
  resolveHost,
  resolveRoute,
  serviceOfHost,
  subsetLabels,
  workloadsForDestination,
  type Destination,
  type MeshIndex,
  type MeshSnapshot,
  type RouteDecision,
  type RoutingRequest,
  type TrafficPolicy,
  type Workload,
} from '@sluice/model';
import { UNKNOWN, UNKNOWN_SERVICE, type PeerIdentity, type Protocol, type ServiceIdentity } from '../metrics/identity';

/*
 * One config snapshot as the simulator reads it, with everything derived from it memoised: the
 * same few request shapes are routed thousands of times per second, and the answers only change
 * when the config does (a new view is built then).
 */

export interface Target {
  workload: Workload;
  identity: PeerIdentity;
}

export interface Targets {
  targets: Target[];
  /** Why there are none: the subset is not defined (Envoy: no cluster, NC) or has no pods (UH). */
  missing?: 'NC' | 'UH';
}

function principal(namespace: string, serviceAccount: string): string {
  return `spiffe://cluster.local/ns/${namespace}/sa/${serviceAccount}`;
}

export function peerIdentity(w: Workload): PeerIdentity {
  const isGateway = w.labels.istio === 'ingressgateway';
  return {
    workload: w.name,
    namespace: w.namespace,
    app: w.labels.app ?? UNKNOWN,
    version: w.labels.version ?? UNKNOWN,
    canonicalService: canonicalService(w),
    canonicalRevision: canonicalRevision(w),
    // Manifests rarely name a service account; pods then run as "default".
    // Istio's automated Gateway API deployment runs as a service account named like the Deployment.
    principal: principal(
      w.namespace,
      isGateway
        ? 'istio-ingressgateway-service-account'
        : w.labels['gateway.networking.k8s.io/gateway-name']
          ? w.name
          : 'default',
    ),
  };
}

export class MeshView {
  private readonly decisions = new Map<string, RouteDecision>();
  private readonly targetCache = new Map<string, Targets>();
  private readonly services = new Map<string, ServiceIdentity>();
  private readonly peers = new Map<Workload, PeerIdentity>();
  private readonly protocols = new Map<string, Protocol>();
  private readonly policies = new Map<string, TrafficPolicy | undefined>();
  // The model's index of the snapshot: host -> Service and workloads by name, built once per view.
  private readonly index: MeshIndex;

  constructor(readonly snapshot: MeshSnapshot) {
    this.index = createMeshIndex(snapshot);
  }

  route(request: RoutingRequest): RouteDecision {
    const key = JSON.stringify(request);
    let d = this.decisions.get(key);
    if (!d) {
      d = resolveRoute(this.snapshot, request);
      this.decisions.set(key, d);
    }
    return d;
  }

  targets(destination: Destination): Targets {
    const key = destinationKey(destination);
    let t = this.targetCache.get(key);
    if (!t) {
      const workloads = workloadsForDestination(this.snapshot, destination);
      const targets = workloads.filter((w) => w.replicas > 0).map((w) => ({ workload: w, identity: this.peer(w) }));
      t = { targets };
      if (targets.length === 0) {
        const svc = serviceOfHost(destination.host);
        const undefinedSubset =
          destination.subset !== undefined &&
          svc !== undefined &&
          !subsetLabels(this.snapshot.destinationRules, destination.host, destination.subset, svc.namespace);
        t.missing = undefinedSubset ? 'NC' : 'UH';
      }
      this.targetCache.set(key, t);
    }
    return t;
  }

  peer(w: Workload): PeerIdentity {
    let p = this.peers.get(w);
    if (!p) {
      p = peerIdentity(w);
      this.peers.set(w, p);
    }
    return p;
  }

  /** destination_service labels for a host; hosts that are not Services are "unknown". */
  service(fqdn: string): ServiceIdentity {
    let s = this.services.get(fqdn);
    if (!s) {
      const svc = serviceOfHost(fqdn);
      s = svc && this.index.serviceByHost(fqdn) ? { fqdn, name: svc.name, namespace: svc.namespace } : UNKNOWN_SERVICE;
      this.services.set(fqdn, s);
    }
    return s;
  }

  /** Istio's protocol sniffing by port name: "grpc*" and "tcp*" prefixes, http otherwise. */
  /** Protocol of a call as an application writes it (short host resolved in the caller's namespace). */
  callProtocol(host: string, namespace: string, port: number | undefined): Protocol {
    const key = `${host}|${namespace}|${port ?? ''}`;
    let p = this.protocols.get(key);
    if (!p) {
      p = this.protocolOf(resolveHost(host, namespace), port);
      this.protocols.set(key, p);
    }
    return p;
  }

  protocolOf(fqdn: string, port: number | undefined): Protocol {
    const key = `${fqdn}||${port ?? ''}`;
    let p = this.protocols.get(key);
    if (!p) {
      p = this.sniffProtocol(fqdn, port);
      this.protocols.set(key, p);
    }
    return p;
  }

  private sniffProtocol(fqdn: string, port: number | undefined): Protocol {
    const svc = this.index.serviceByHost(fqdn);
    const ports = svc?.spec.ports ?? [];
    const p = ports.find((x) => x.port === port) ?? (port === undefined ? ports[0] : undefined);
    const name = (p?.appProtocol ?? p?.name ?? '').toLowerCase();
    if (name.startsWith('grpc')) return 'grpc';
    if (name.startsWith('tcp') || name.startsWith('mongo') || name.startsWith('mysql') || name.startsWith('redis'))
      return 'tcp';
    return 'http';
  }

  /**
   * The traffic policy a calling proxy applies to one destination cluster: the DestinationRule's
   * host-level policy with the subset's fields laid over it (Istio merges them field by field).
   */
  trafficPolicy(destination: Destination): TrafficPolicy | undefined {
    const key = destinationKey(destination);
    if (this.policies.has(key)) return this.policies.get(key);
    const svc = serviceOfHost(destination.host);
    const dr = destinationRuleFor(this.snapshot.destinationRules, destination.host, svc?.namespace);
    const top = dr?.spec.trafficPolicy as TrafficPolicy | undefined;
    const sub = destination.subset
      ? (dr?.spec.subsets?.find((s) => s.name === destination.subset)?.trafficPolicy as TrafficPolicy | undefined)
      : undefined;
    const merged = top || sub ? { ...top, ...sub } : undefined;
    this.policies.set(key, merged);
    return merged;
  }

  findWorkload(namespace: string, name: string): Workload | undefined {
    // Generators look their client up every tick: the index answers without scanning.
    return this.index.workload(namespace, name);
  }

  /**
   * The gateway workload traffic entering by `gateway` ("ns/name") comes from: for a Gateway API
   * Gateway, the Deployment Istio runs for it (labelled gateway.networking.k8s.io/gateway-name);
   * otherwise the shared ingress gateway.
   */
  ingress(gateway?: string): PeerIdentity {
    const [ns, name] = gateway?.split('/') ?? [];
    const own = this.snapshot.workloads.find(
      (x) => x.namespace === ns && x.labels['gateway.networking.k8s.io/gateway-name'] === name,
    );
    if (own) return this.peer(own);
    const w = this.snapshot.workloads.find((x) => x.labels.istio === 'ingressgateway');
    if (w) return this.peer(w);
    return peerIdentity({
      namespace: 'istio-system',
      name: 'istio-ingressgateway',
      kind: 'Deployment',
      labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
      replicas: 1,
    });
  }
}
