/*
 * Every react-query key in the app, one factory per feature (all -> list -> detail). They live in
 * lib so the server-event mapping (./events.ts) and the features build identical prefixes.
 */
import type { QueryClient } from '@tanstack/react-query';

export const queryKeys = {
  health: ['health'] as const,
  session: ['session'] as const,
  namespaces: ['namespaces'] as const,
  graph: {
    all: ['graph'] as const,
    view: (namespaces: readonly string[], graphType: string, window: string, injectServiceNodes = true) =>
      [
        'graph',
        [...namespaces].sort().join(','),
        graphType,
        window,
        injectServiceNodes ? 'service-nodes' : 'no-service-nodes',
      ] as const,
  },
  services: {
    all: ['services'] as const,
    list: (ns: string) => ['services', ns] as const,
  },
  traffic: {
    all: ['traffic'] as const,
    namespace: (ns: string) => ['traffic', ns] as const,
    detail: (ns: string, service: string, window: string) => ['traffic', ns, service, window] as const,
  },
  metrics: {
    // Under the namespace's traffic prefix: traffic events and config writes refresh the charts and markers.
    detail: (ns: string, kind: string, name: string, range: string, step: string) =>
      ['traffic', ns, 'metrics', kind, name, range, step] as const,
    // Under the traffic prefix too: every traffic event refreshes the landing page.
    overview: ['traffic', '*overview'] as const,
  },
  workloads: {
    // Under services: config events (which also carry workload changes in the store) refresh it.
    detail: (ns: string, name: string) => ['services', ns, 'workload', name] as const,
    app: (ns: string, app: string) => ['services', ns, 'app', app] as const,
  },
  rollout: {
    // Under the namespace's traffic prefix: a traffic event refreshes the live gates and split too.
    detail: (ns: string, service: string) => ['traffic', ns, service, 'rollout'] as const,
  },
  config: {
    all: ['config'] as const,
    lists: ['config', 'list'] as const,
    list: (namespaces: readonly string[]) => ['config', 'list', [...namespaces].sort().join(',')] as const,
    detailsIn: (ns: string) => ['config', 'detail', ns] as const,
    detail: (ns: string, plural: string, name: string) => ['config', 'detail', ns, plural, name] as const,
  },
  dryRun: {
    all: ['dry-run'] as const,
  },
  demo: {
    health: (ns: string, app: string, version: string) => ['demo', 'health', ns, app, version] as const,
  },
};

/**
 * What a write of Istio config makes stale. The writer invalidates these at once; the `config` event
 * that follows (./events.ts) refreshes the same views for every other open page.
 */
export const CONFIG_WRITE_KEYS = [
  queryKeys.traffic.all,
  queryKeys.graph.all,
  queryKeys.config.all,
  queryKeys.services.all,
] as const;

export function invalidateAfterConfigWrite(client: QueryClient): void {
  for (const queryKey of CONFIG_WRITE_KEYS) void client.invalidateQueries({ queryKey });
}
