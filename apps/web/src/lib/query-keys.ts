/*
 * Every react-query key in the app, one factory per feature (all -> list -> detail). They live in
 * lib so the server-event mapping (./events.ts) and the features build identical prefixes.
 */
export const queryKeys = {
  health: ['health'] as const,
  namespaces: ['namespaces'] as const,
  graph: {
    all: ['graph'] as const,
    view: (namespaces: readonly string[], graphType: string, window: string) =>
      ['graph', [...namespaces].sort().join(','), graphType, window] as const,
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
  config: {
    all: ['config'] as const,
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
