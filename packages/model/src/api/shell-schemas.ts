import { z } from 'zod';

/*
 * The bodies the app shell reads on every page (health, the namespace picker, the event stream), apart
 * from the page bodies in schemas.ts: the web's entry chunk imports only this module, so the page
 * schemas (routes, edits, rollouts) load with the pages that use them (graph page budget, decision 51).
 */

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  cluster: z.enum(['demo', 'kubernetes']),
  metrics: z.enum(['simulated', 'prometheus']),
  clusterReachable: z.boolean(),
  metricsReachable: z.boolean(),
  readOnly: z.boolean(),
  auth: z.enum(['none', 'token']),
});
export type Health = z.infer<typeof healthSchema>;

export const namespaceSummarySchema = z.object({
  name: z.string(),
  services: z.number().int().nonnegative(),
  istioObjects: z.number().int().nonnegative(),
});
export const namespaceListSchema = z.object({ items: z.array(namespaceSummarySchema) });
export type NamespaceList = z.infer<typeof namespaceListSchema>;

/** Server-sent events on GET /api/events. */
export const configEventSchema = z.object({
  type: z.enum(['ADDED', 'MODIFIED', 'DELETED']),
  kind: z.enum([
    'VirtualService',
    'DestinationRule',
    'Gateway',
    'HTTPRoute',
    'GRPCRoute',
    'TCPRoute',
    'Service',
    'Workload',
  ]),
  namespace: z.string(),
  name: z.string(),
  resourceVersion: z.string().optional(),
});
export type ConfigEvent = z.infer<typeof configEventSchema>;
export const trafficEventSchema = z.object({ timestamp: z.string() });
export type TrafficEvent = z.infer<typeof trafficEventSchema>;
