/*
 * A traffic profile: what the scenario's applications do, independent of the Istio config that
 * routes them. The simulator reads the config live; the profile only says who calls whom, how fast
 * each workload answers and how much load enters the mesh.
 */

export type AppProtocol = 'http' | 'grpc' | 'tcp';

/** One request shape in a generator's mix. */
export interface RequestKind {
  /** Relative weight in the mix (need not sum to 1). */
  weight: number;
  path?: string;
  method?: string;
  /** Lower-case header names. */
  headers?: Record<string, string>;
}

export type GeneratorEntry =
  /** Traffic from outside, through an ingress gateway; `gateway` is "namespace/name" of the Gateway. */
  | { kind: 'gateway'; gateway: string; host: string; port: number }
  /** Traffic from a client workload inside the mesh (its Deployment must be in the snapshot). */
  | { kind: 'mesh'; workload: string; namespace: string; host: string; port?: number };

export interface Generator {
  name: string;
  /** Requests (or, for tcp, connections) per second. */
  rps: number;
  protocol: AppProtocol;
  entry: GeneratorEntry;
  mix?: RequestKind[];
}

/** An upstream call a workload makes while serving one request. */
export interface UpstreamCall {
  /** As the application addresses it: a short Service name resolves in the caller's namespace. */
  host: string;
  port?: number;
  /** Inferred from the Service port name (grpc-*, tcp-*) when absent. */
  protocol?: AppProtocol;
  /** Path of the call; "inherit" forwards the path the caller received (a reverse proxy). */
  path?: string;
  /** Share of requests that make this call (default 1). */
  probability?: number;
  /** Only requests whose path starts with one of these make the call (default: every request). */
  forPaths?: string[];
  /** Forward the incoming headers (bookinfo propagates `end-user`; proxies forward everything). */
  forwardHeaders?: boolean;
  /** A 5xx (or a timeout) of this call fails the caller's request with the same code. */
  propagateErrors?: boolean;
}

export interface LatencyProfile {
  medianMs: number;
  p95Ms: number;
}

export interface WorkloadBehaviour {
  /** The workload's own processing time; upstream calls add theirs on top. */
  latency: LatencyProfile;
  /** Share of requests the application itself fails. */
  errorRate: number;
  /** HTTP code of those failures (default 500; gRPC reports 200 with grpc status 2 or 14). */
  errorCode?: number;
  /** Median request / response body sizes, bytes. */
  requestBytes: number;
  responseBytes: number;
  calls: UpstreamCall[];
  /** TCP servers: bytes echoed back per connection on top of what was received, and connection lifetime. */
  tcp?: { extraResponseBytes: number; connectionMs: number };
}

export interface ScenarioProfile {
  /** The scenario's namespace (its manifest file name). */
  namespace: string;
  generators: Generator[];
  /** Keyed by `app` label, or `app@version` to override one version. */
  behaviours: Record<string, Partial<WorkloadBehaviour>>;
  /** TCP clients: request bytes per connection. */
  tcpRequestBytes?: number;
}
