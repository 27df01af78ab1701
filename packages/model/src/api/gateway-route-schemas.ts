import { z } from 'zod';
import { grpcRouteEditSchema, httpRouteEditSchema, tcpRouteEditSchema } from '../edits/gateway-route-edits';
import { kubeGrpcRouteSchema, kubeHttpRouteSchema, kubeTcpRouteSchema } from '../resources/gateway-api';
import { activeRolloutSchema } from '../rollout/state';
import { findingSchema } from '../validation/finding';

/* Bodies of POST .../{httproutes|grpcroutes|tcproutes}/:name/edits: the same envelope as the VirtualService one. */

const request = <E extends z.ZodType>(edit: E) =>
  z.strictObject({
    resourceVersion: z.string().min(1, 'resourceVersion is required'),
    edits: z.array(edit).min(1, 'at least one edit is required'),
    /** A weight change on the rule of an active rollout. */
    overrideRollout: z.boolean().optional(),
  });
const response = <O extends z.ZodType>(object: O) =>
  z.object({ dryRun: z.boolean(), object, diff: z.string(), findings: z.array(findingSchema) });

export const httpRouteEditsRequestSchema = request(httpRouteEditSchema);
export const httpRouteEditsResponseSchema = response(kubeHttpRouteSchema);
export const grpcRouteEditsRequestSchema = request(grpcRouteEditSchema);
export const grpcRouteEditsResponseSchema = response(kubeGrpcRouteSchema);
export const tcpRouteEditsRequestSchema = request(tcpRouteEditSchema);
export const tcpRouteEditsResponseSchema = response(kubeTcpRouteSchema);

/**
 * A Gateway API route as the service traffic view shows it (GET .../services/:name/traffic
 * `gatewayRoutes`): where it attaches, and per rule what it matches, its backendRefs with their
 * weights as stored, and the split the routing semantics expect (decision 71).
 */
export const gatewayRouteViewSchema = z.object({
  kind: z.enum(['HTTPRoute', 'GRPCRoute', 'TCPRoute']),
  name: z.string(),
  namespace: z.string(),
  resourceVersion: z.string(),
  /** "gateway": attached to a Gateway API Gateway (ingress); "mesh": GAMMA, attached to a Service. */
  scope: z.enum(['gateway', 'mesh']),
  parents: z.array(z.object({ kind: z.enum(['Gateway', 'Service']), namespace: z.string(), name: z.string() })),
  hostnames: z.array(z.string()),
  /** A guided rollout in progress on one of its rules (decision 72); `httpRouteIndex` is the rule. */
  rollout: activeRolloutSchema.optional(),
  rules: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      name: z.string().optional(),
      /** One line per match, e.g. `path PathPrefix "/api" and method GET`; empty: every request. */
      matchSummary: z.array(z.string()),
      backends: z.array(
        z.object({
          name: z.string(),
          namespace: z.string(),
          port: z.number().int().optional(),
          /** As stored (relative, default 1). */
          weight: z.number(),
          /** The version the backend Service's pods serve, when they all serve one (echo-v1 -> v1). */
          version: z.string().optional(),
        }),
      ),
      /** 0..1 per backend Service FQDN; empty when every weight is 0 (the rule answers 500). */
      expected: z.array(z.object({ host: z.string(), share: z.number().min(0).max(1) })),
      /** Filter types on the rule, in order. */
      filters: z.array(z.string()),
    }),
  ),
});
export type GatewayRouteView = z.infer<typeof gatewayRouteViewSchema>;
