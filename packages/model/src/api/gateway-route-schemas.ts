import { z } from 'zod';
import { grpcRouteEditSchema, httpRouteEditSchema, tcpRouteEditSchema } from '../edits/gateway-route-edits';
import { kubeGrpcRouteSchema, kubeHttpRouteSchema, kubeTcpRouteSchema } from '../resources/gateway-api';
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
