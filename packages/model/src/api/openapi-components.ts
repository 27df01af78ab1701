import { z } from 'zod';
import { destinationRuleEditSchema } from '../edits/destination-rule-edits';
import { editSchema } from '../edits/edit-schema';
import { graphSchema } from '../graph/schema';
import { kubeGrpcRouteSchema, kubeHttpRouteSchema, kubeTcpRouteSchema } from '../resources/gateway-api';
import { destinationRuleSchema, gatewaySchema, istioObjectSchema, virtualServiceSchema } from '../resources/istio';
import { rolloutActionRequestSchema, rolloutViewSchema, startRolloutRequestSchema } from '../rollout/api';
import { findingSchema } from '../validation/finding';
import { metricsResponseSchema } from '../metrics/metrics';
import { appDetailSchema, overviewSchema, workloadDetailSchema } from '../metrics/overview';
import { versionHealthSchema, versionHealthViewSchema } from './demo';
import { apiErrorBodySchema } from './errors';
import { graphPreviewRequestSchema, graphPreviewSchema } from './graph-preview';
import { livenessSchema, readinessSchema } from './probes';
import { loginRequestSchema, sessionSchema } from './session';
import * as gw from './gateway-route-schemas';
import * as s from './schemas';
import { configEventSchema, healthSchema, namespaceListSchema, trafficEventSchema } from './shell-schemas';

/*
 * The building blocks of the OpenAPI document (openapi.ts): the named component schemas, written from
 * the zod schemas the API parses with, and helpers for parameters, bodies and error answers.
 */

type JsonSchema = Record<string, unknown>;
export type Operation = Record<string, unknown>;

export const RESPONSE_SCHEMAS = {
  Health: healthSchema,
  Readiness: readinessSchema,
  Liveness: livenessSchema,
  NamespaceList: namespaceListSchema,
  ServiceList: s.serviceListSchema,
  IstioObjectList: s.istioObjectListSchema,
  Graph: graphSchema,
  GraphPreview: graphPreviewSchema,
  ServiceTraffic: s.serviceTrafficSchema,
  VirtualService: virtualServiceSchema,
  DestinationRule: destinationRuleSchema,
  Gateway: gatewaySchema,
  HTTPRoute: kubeHttpRouteSchema,
  GRPCRoute: kubeGrpcRouteSchema,
  TCPRoute: kubeTcpRouteSchema,
  IstioObject: istioObjectSchema,
  EditsResponse: s.editsResponseSchema,
  DestinationRuleEditsResponse: s.destinationRuleEditsResponseSchema,
  HTTPRouteEditsResponse: gw.httpRouteEditsResponseSchema,
  GRPCRouteEditsResponse: gw.grpcRouteEditsResponseSchema,
  TCPRouteEditsResponse: gw.tcpRouteEditsResponseSchema,
  CreateRoutingResponse: s.createRoutingResponseSchema,
  ConfigEvent: configEventSchema,
  TrafficEvent: trafficEventSchema,
  Finding: findingSchema,
  ApiError: apiErrorBodySchema,
  RolloutView: rolloutViewSchema,
  VersionHealthView: versionHealthViewSchema,
  Session: sessionSchema,
  Overview: overviewSchema,
  Metrics: metricsResponseSchema,
  WorkloadDetail: workloadDetailSchema,
  AppDetail: appDetailSchema,
} as const;
export const REQUEST_SCHEMAS = {
  EditsRequest: s.editsRequestSchema,
  GraphPreviewRequest: graphPreviewRequestSchema,
  Edit: editSchema,
  DestinationRuleEditsRequest: s.destinationRuleEditsRequestSchema,
  DestinationRuleEdit: destinationRuleEditSchema,
  HTTPRouteEditsRequest: gw.httpRouteEditsRequestSchema,
  GRPCRouteEditsRequest: gw.grpcRouteEditsRequestSchema,
  TCPRouteEditsRequest: gw.tcpRouteEditsRequestSchema,
  CreateRoutingRequest: s.createRoutingRequestSchema,
  ReplaceObjectRequest: s.replaceObjectRequestSchema,
  StartRolloutRequest: startRolloutRequestSchema,
  RolloutActionRequest: rolloutActionRequestSchema,
  VersionHealth: versionHealthSchema,
  LoginRequest: loginRequestSchema,
} as const;

export function components(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, {
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas;
  // Components are embedded, not standalone documents: drop the per-schema $schema/$id.
  return Object.fromEntries(Object.entries(out).map(([id, { $schema: _s, $id: _i, ...rest }]) => [id, rest]));
}

export const ref = (id: keyof typeof RESPONSE_SCHEMAS | keyof typeof REQUEST_SCHEMAS) => ({
  $ref: `#/components/schemas/${id}`,
});
export const json = (id: Parameters<typeof ref>[0], description: string) => ({
  description,
  content: { 'application/json': { schema: ref(id) } },
});
const inputSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};
export const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
export const queryParam = (name: string, schema: z.ZodType, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema: inputSchema(schema),
});

const ERRORS: Record<number, string> = {
  400: 'Malformed body or query (details lists the offending paths)',
  403: 'Read-only mode, or Kubernetes refused the write',
  404: 'Unknown object',
  409: 'Conflict; details.reason is stale (details.currentResourceVersion holds the current one), exists, managed, rollout or state',
  422: 'Validation failed; details is a list of findings { path, code, message }',
  429: 'Too many login attempts (per client or per token), or the session cap is reached; Retry-After says when to retry',
  503: 'The cluster or Prometheus cannot be reached',
};
export function errors(...codes: number[]): Record<string, unknown> {
  return Object.fromEntries(codes.map((c) => [String(c), json('ApiError', ERRORS[c] ?? 'Error')]));
}

export const GRAPH_QUERY_HELP: Record<string, string> = {
  namespaces: 'Comma-separated namespaces to draw',
  graphType: 'Node granularity: versionedApp (default), app, workload or service',
  window:
    'Traffic window, e.g. 30s, 5m, 1h. With Prometheus it is widened to at least 4 scrape intervals; the answer then carries windowWidenedFrom',
  injectServiceNodes: 'Draw service nodes between callers and versions (default true)',
};

export const ns = pathParam('ns', 'Namespace');
export const demoVersionParams = [
  ns,
  pathParam('app', 'The `app` label of the workloads'),
  pathParam('version', 'The `version` label of the workloads'),
];
export const name = pathParam('name', 'Object name');
