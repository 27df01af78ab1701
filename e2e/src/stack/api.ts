import {
  API_ROUTES,
  apiPath,
  type AppDetail,
  type DestinationRule,
  type Edit,
  type KubeHTTPRoute,
  type VersionHealth,
  type VirtualService,
} from '@sluice/model';

/*
 * The journeys' side door to the API: read what is stored (every journey checks the stored object,
 * not only the page), write behind the page's back (journey 7), and put objects back as they were
 * so journeys do not depend on their order.
 */

export interface StoredVirtualService extends VirtualService {
  metadata: VirtualService['metadata'] & { resourceVersion: string };
}

export interface GraphEdgeJson {
  id: string;
  source: string;
  target: string;
  protocol: string;
  rps: number;
  share: number;
  errorRate: number;
  responses: Record<string, number>;
  responseFlags?: Record<string, number>;
  latencyP95Ms?: number;
  mirrored?: boolean;
}

export class SluiceApi {
  constructor(readonly baseUrl: string) {}

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...init?.headers },
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** An app's workloads and its pods per version, as the store lists them. */
  app(ns: string, app: string): Promise<AppDetail> {
    return this.json(apiPath(API_ROUTES.app, { ns, app }));
  }

  virtualService(ns: string, name: string): Promise<StoredVirtualService> {
    return this.json(apiPath(API_ROUTES.object, { ns, plural: 'virtualservices', name }));
  }

  async edit(ns: string, name: string, edits: Edit[]): Promise<StoredVirtualService> {
    const current = await this.virtualService(ns, name);
    const body = { resourceVersion: current.metadata.resourceVersion, edits };
    const res = await this.json<{ object: StoredVirtualService }>(
      apiPath(API_ROUTES.edits, { ns, plural: 'virtualservices', name }),
      {
        method: 'POST',
        body: JSON.stringify(body),
      },
    );
    return res.object;
  }

  /** Puts the spec of `original` back (a validated PUT on top of the current resourceVersion). */
  async restore(original: StoredVirtualService): Promise<void> {
    const { namespace = 'default', name } = original.metadata;
    const current = await this.virtualService(namespace, name);
    if (JSON.stringify(current.spec) === JSON.stringify(original.spec)) return;
    const object = { ...current, spec: original.spec };
    await this.json(apiPath(API_ROUTES.object, { ns: namespace, plural: 'virtualservices', name }), {
      method: 'PUT',
      body: JSON.stringify({ object }),
    });
  }

  destinationRule(ns: string, name: string): Promise<DestinationRule> {
    return this.json(apiPath(API_ROUTES.object, { ns, plural: 'destinationrules', name }));
  }

  /** Puts the spec of a DestinationRule back as it was (a validated PUT on the current version). */
  async restoreDestinationRule(original: DestinationRule): Promise<void> {
    const { namespace = 'default', name } = original.metadata;
    const current = await this.destinationRule(namespace, name);
    if (JSON.stringify(current.spec) === JSON.stringify(original.spec)) return;
    await this.json(apiPath(API_ROUTES.object, { ns: namespace, plural: 'destinationrules', name }), {
      method: 'PUT',
      body: JSON.stringify({ object: { ...current, spec: original.spec } }),
    });
  }

  httpRoute(ns: string, name: string): Promise<KubeHTTPRoute> {
    return this.json(apiPath(API_ROUTES.object, { ns, plural: 'httproutes', name }));
  }

  /** Puts the spec of an HTTPRoute back as it was (a validated PUT on the current version). */
  async restoreHttpRoute(original: KubeHTTPRoute): Promise<void> {
    const { namespace = 'default', name } = original.metadata;
    const current = await this.httpRoute(namespace, name);
    if (JSON.stringify(current.spec) === JSON.stringify(original.spec)) return;
    await this.json(apiPath(API_ROUTES.object, { ns: namespace, plural: 'httproutes', name }), {
      method: 'PUT',
      body: JSON.stringify({ object: { ...current, spec: original.spec } }),
    });
  }

  /** The demo-only health control of one version (errors and extra latency of its own). */
  async setVersionHealth(ns: string, app: string, version: string, health: VersionHealth): Promise<void> {
    await this.json(apiPath(API_ROUTES.demoVersionHealth, { ns, app, version }), {
      method: 'PUT',
      body: JSON.stringify(health),
    });
  }

  async graphEdges(namespaces: string, window = '15s'): Promise<GraphEdgeJson[]> {
    const g = await this.json<{ edges: GraphEdgeJson[] }>(
      `${API_ROUTES.graph}?namespaces=${namespaces}&window=${window}`,
    );
    return g.edges;
  }
}

/** `(weights by subset)` of the first http (or tcp) route that names them, as stored. */
export function storedWeights(
  vs: StoredVirtualService,
  kind: 'http' | 'tcp' = 'http',
  index = 0,
): Record<string, number> {
  const route = (kind === 'http' ? vs.spec.http : vs.spec.tcp)?.[index]?.route ?? [];
  const out: Record<string, number> = {};
  for (const r of route) out[r.destination.subset ?? r.destination.host] = r.weight ?? (route.length === 1 ? 100 : 0);
  return out;
}
