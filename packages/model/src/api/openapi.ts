import { z } from 'zod';
import { EDIT_KINDS, type EditablePlural } from '../edits/registry';
import { metricsQuerySchema } from '../metrics/metrics';
import {
  components,
  demoVersionParams,
  errors,
  GRAPH_QUERY_HELP,
  json,
  name,
  ns,
  pathParam,
  queryParam,
  ref,
  REQUEST_SCHEMAS,
  RESPONSE_SCHEMAS,
  type Operation,
} from './openapi-components';
import { API_ROUTES, openApiPath } from './routes';
import * as s from './schemas';

/*
 * The OpenAPI 3.1 document for API v1 (DESIGN.md "API contract"), generated from the zod schemas
 * the API parses with, so the document cannot drift from the code. OpenAPI 3.1 uses JSON Schema
 * 2020-12, which is what z.toJSONSchema writes. Request bodies and query parameters are written
 * in zod's input form (defaults optional), response bodies in its output form.
 */

/** The overview and the metrics over time of services and workloads (issue 18). */
function metricsPaths(): Record<string, Record<string, Operation>> {
  const rangeParams = [
    queryParam('range', metricsQuerySchema.shape.range, 'How far back, e.g. 10m (default 10m)'),
    queryParam('step', metricsQuerySchema.shape.step, 'Time between points, e.g. 15s (default 15s)'),
  ];
  const metrics = (kind: 'service' | 'workload') => ({
    get: {
      operationId: kind === 'service' ? 'getServiceMetrics' : 'getWorkloadMetrics',
      summary: `Inbound and outbound request rate, error rate, p50/p95/p99 and TCP bytes of one ${kind} per version over time, with the changes Sluice wrote as markers`,
      parameters: [ns, pathParam('name', kind === 'service' ? 'Service name' : 'Workload name'), ...rangeParams],
      responses: { 200: json('Metrics', 'Series on one time axis, and markers'), ...errors(400, 404, 503) },
    },
  });
  return {
    [openApiPath(API_ROUTES.overview)]: {
      get: {
        operationId: 'getOverview',
        summary:
          'Every namespace with its health, inbound rate and sparkline, counts, config validation, rollouts and faults; worst first',
        responses: { 200: json('Overview', 'Namespace cards') },
      },
    },
    [openApiPath(API_ROUTES.workload)]: {
      get: {
        operationId: 'getWorkload',
        summary: 'One workload: labels, version, replicas, the services selecting it and the other versions of its app',
        parameters: [ns, pathParam('name', 'Workload name')],
        responses: { 200: json('WorkloadDetail', 'Workload'), ...errors(404) },
      },
    },
    [openApiPath(API_ROUTES.app)]: {
      get: {
        operationId: 'getApp',
        summary: 'One app: its workloads (one per version) with replicas, and the services selecting them',
        parameters: [ns, pathParam('app', 'App (canonical service) name')],
        responses: { 200: json('AppDetail', 'App'), ...errors(404) },
      },
    },
    [openApiPath(API_ROUTES.serviceMetrics)]: metrics('service'),
    [openApiPath(API_ROUTES.workloadMetrics)]: metrics('workload'),
  };
}

function objectPaths(): Record<string, Record<string, Operation>> {
  const kinds = [
    ['virtualservices', 'VirtualService'],
    ['destinationrules', 'DestinationRule'],
    ['gateways', 'Gateway'],
    ['httproutes', 'HTTPRoute'],
    ['grpcroutes', 'GRPCRoute'],
    ['tcproutes', 'TCPRoute'],
  ] as const;
  return Object.fromEntries(
    kinds.map(([plural, kind]) => [
      openApiPath(API_ROUTES.object, { plural }),
      {
        get: {
          operationId: `get${kind}`,
          summary: `The ${kind} as stored, with metadata.resourceVersion`,
          parameters: [ns, name],
          responses: { 200: json(kind, kind), ...errors(404, 503) },
        },
        put: {
          operationId: `replace${kind}`,
          summary: `Replace the ${kind} from YAML or JSON; validated first, metadata.resourceVersion is the precondition`,
          parameters: [ns, name],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ReplaceObjectRequest') } } },
          responses: { 200: json(kind, 'The stored object'), ...errors(400, 403, 404, 409, 422, 503) },
        },
      },
    ]),
  );
}

/** The component names of each editable kind's edits body and answer (tsc asks for a row per registry entry). */
const EDITS_COMPONENTS: Record<
  EditablePlural,
  { request: keyof typeof REQUEST_SCHEMAS; response: keyof typeof RESPONSE_SCHEMAS }
> = {
  virtualservices: { request: 'EditsRequest', response: 'EditsResponse' },
  destinationrules: { request: 'DestinationRuleEditsRequest', response: 'DestinationRuleEditsResponse' },
  httproutes: { request: 'HTTPRouteEditsRequest', response: 'HTTPRouteEditsResponse' },
  grpcroutes: { request: 'GRPCRouteEditsRequest', response: 'GRPCRouteEditsResponse' },
  tcproutes: { request: 'TCPRouteEditsRequest', response: 'TCPRouteEditsResponse' },
};

/** POST .../:plural/:name/edits, one path per kind in the model's edit registry. */
function editsPaths(): Record<string, Record<string, Operation>> {
  return Object.fromEntries(
    Object.values(EDIT_KINDS).map((entry) => {
      const { request, response } = EDITS_COMPONENTS[entry.plural];
      return [
        openApiPath(API_ROUTES.edits, { plural: entry.plural }),
        {
          post: {
            operationId: `edit${entry.kind}`,
            summary: `Apply ${entry.kind} edits atomically, in order; validate; write only if resourceVersion still matches`,
            parameters: [
              ns,
              name,
              queryParam(
                'dryRun',
                z.enum(['true', 'false']),
                'Return the would-be object, diff and findings without writing',
              ),
            ],
            requestBody: { required: true, content: { 'application/json': { schema: ref(request) } } },
            responses: {
              200: json(response, 'The stored (or would-be) object'),
              ...errors(400, 403, 404, 409, 422, 503),
            },
          },
        },
      ];
    }),
  );
}

function paths(): Record<string, Record<string, Operation>> {
  const namespacesQuery = queryParam('namespaces', z.string(), 'Comma-separated namespaces');
  return {
    [openApiPath(API_ROUTES.health)]: {
      get: {
        operationId: 'getHealth',
        summary: 'Liveness and which backends are in use',
        responses: { 200: json('Health', 'Health') },
      },
    },
    [openApiPath(API_ROUTES.readiness)]: {
      get: {
        operationId: 'getReadiness',
        summary:
          'Readiness probe: 200 once the cluster caches have synced, 503 before that and while draining on SIGTERM',
        responses: { 200: json('Readiness', 'Ready'), 503: json('Readiness', 'Not ready (the body says why)') },
      },
    },
    [openApiPath(API_ROUTES.liveness)]: {
      get: {
        operationId: 'getLiveness',
        summary: 'Liveness probe: 200 while the process answers',
        responses: { 200: json('Liveness', 'Alive') },
      },
    },
    // Token login (`--auth token` only; 404 in demo mode). The session cookie is HttpOnly, SameSite=Strict.
    [openApiPath(API_ROUTES.session)]: {
      get: {
        operationId: 'getSession',
        summary: 'Who is logged in, and the CSRF token for writes',
        responses: { 200: json('Session', 'The session'), ...errors(401, 404) },
      },
      post: {
        operationId: 'login',
        summary: 'Log in with a Kubernetes bearer token (checked with a SelfSubjectReview); sets the session cookie',
        requestBody: { required: true, content: { 'application/json': { schema: ref('LoginRequest') } } },
        responses: { 200: json('Session', 'The new session'), ...errors(400, 401, 404, 429, 503) },
      },
      delete: {
        operationId: 'logout',
        summary: 'End the session (needs the x-csrf-token header)',
        responses: { 204: { description: 'Logged out' }, ...errors(401, 403, 404) },
      },
    },
    [openApiPath(API_ROUTES.namespaces)]: {
      get: {
        operationId: 'listNamespaces',
        summary: 'Namespaces with services and Istio objects',
        responses: { 200: json('NamespaceList', 'Namespaces'), ...errors(503) },
      },
    },
    [openApiPath(API_ROUTES.services)]: {
      get: {
        operationId: 'listServices',
        summary: 'Services of a namespace with their versions and routing',
        parameters: [ns],
        responses: { 200: json('ServiceList', 'Services'), ...errors(503) },
      },
    },
    [openApiPath(API_ROUTES.istioObjects)]: {
      get: {
        operationId: 'listIstioObjects',
        summary: 'Istio objects with their validation findings',
        parameters: [namespacesQuery],
        responses: { 200: json('IstioObjectList', 'Objects'), ...errors(400, 503) },
      },
    },
    [openApiPath(API_ROUTES.graph)]: {
      get: {
        operationId: 'getGraph',
        summary: 'The service graph with the observed traffic split on every edge',
        parameters: Object.entries(s.graphQuerySchema.shape).map(([key, schema]) =>
          queryParam(key, schema, GRAPH_QUERY_HELP[key] ?? key, key === 'namespaces'),
        ),
        responses: { 200: json('Graph', 'Graph'), ...errors(400, 503) },
      },
    },
    [openApiPath(API_ROUTES.graphPreview)]: {
      post: {
        operationId: 'previewGraph',
        summary:
          'The graph with pending changes overlaid: per edge the observed (now) and expected traffic, and the blast radius; nothing is written',
        parameters: Object.entries(s.graphQuerySchema.shape).map(([key, schema]) =>
          queryParam(key, schema, GRAPH_QUERY_HELP[key] ?? key, key === 'namespaces'),
        ),
        requestBody: { required: true, content: { 'application/json': { schema: ref('GraphPreviewRequest') } } },
        responses: { 200: json('GraphPreview', 'Preview'), ...errors(400, 404, 409, 422, 503) },
      },
    },
    [openApiPath(API_ROUTES.serviceTraffic)]: {
      get: {
        operationId: 'getServiceTraffic',
        summary: 'Subsets, routes with their expected split, and the observed split of one service',
        parameters: [
          ns,
          pathParam('name', 'Service name'),
          queryParam('window', s.windowSchema, 'Observation window, e.g. 30s'),
        ],
        responses: { 200: json('ServiceTraffic', 'Traffic view'), ...errors(400, 404, 503) },
      },
    },
    ...objectPaths(),
    ...editsPaths(),
    ...metricsPaths(),
    [openApiPath(API_ROUTES.routing)]: {
      post: {
        operationId: 'createRouting',
        summary:
          'Create a DestinationRule (one subset per version) and a VirtualService for a service without routing; both or neither',
        parameters: [
          ns,
          pathParam('name', 'Service name'),
          queryParam(
            'dryRun',
            z.enum(['true', 'false']),
            'Return the two objects that would be created, writing nothing',
          ),
        ],
        requestBody: { required: false, content: { 'application/json': { schema: ref('CreateRoutingRequest') } } },
        responses: {
          200: json('CreateRoutingResponse', 'dryRun: the pair that would be created'),
          201: json('CreateRoutingResponse', 'The created pair'),
          ...errors(400, 403, 404, 409, 422, 503),
        },
      },
    },
    [openApiPath(API_ROUTES.rollout)]: {
      get: {
        operationId: 'getRollout',
        summary:
          "The service's canary rollout: stored state and timeline, live gates, expected/route/observed split, chart points",
        parameters: [ns, pathParam('name', 'Service name')],
        responses: { 200: json('RolloutView', 'Rollout view (state null when there is none)'), ...errors(404, 503) },
      },
      post: {
        operationId: 'startRollout',
        summary:
          'Start a rollout (plan with defaults); refused with 409 while one is in progress or when Flagger/Argo Rollouts owns the VirtualService',
        parameters: [ns, pathParam('name', 'Service name')],
        requestBody: { required: true, content: { 'application/json': { schema: ref('StartRolloutRequest') } } },
        responses: { 201: json('RolloutView', 'The started rollout'), ...errors(400, 403, 404, 409, 422, 503) },
      },
    },
    [openApiPath(API_ROUTES.rolloutAction)]: {
      post: {
        operationId: 'rolloutAction',
        summary: 'next, pause, resume, promote or abort; 409 when the state does not allow it or expectedStep is stale',
        parameters: [
          ns,
          pathParam('name', 'Service name'),
          pathParam('action', 'next | pause | resume | promote | abort'),
        ],
        requestBody: { required: false, content: { 'application/json': { schema: ref('RolloutActionRequest') } } },
        responses: {
          200: json('RolloutView', 'The rollout after the action'),
          ...errors(400, 403, 404, 409, 422, 503),
        },
      },
    },
    [openApiPath(API_ROUTES.demoVersionHealth)]: {
      get: {
        operationId: 'getVersionHealth',
        summary: 'Demo mode only: the health override of one version in the simulator (404 outside demo mode)',
        parameters: demoVersionParams,
        responses: { 200: json('VersionHealthView', 'The override (0 / 0: healthy)'), ...errors(404) },
      },
      put: {
        operationId: 'setVersionHealth',
        summary:
          'Demo mode only: make one version unhealthy to rehearse a bad canary (5xx and latency from the workload itself, so both reporters show it); 404 outside demo mode or for an unknown version, 400 on bad input, nothing changed on error',
        parameters: demoVersionParams,
        requestBody: { required: true, content: { 'application/json': { schema: ref('VersionHealth') } } },
        responses: { 200: json('VersionHealthView', 'The override now in force'), ...errors(400, 403, 404) },
      },
    },
    [openApiPath(API_ROUTES.events)]: {
      get: {
        operationId: 'streamEvents',
        summary:
          'Server-sent events: `config` (data: ConfigEvent) when an Istio object changes, `traffic` (data: TrafficEvent) when a new window is ready',
        parameters: [namespacesQuery],
        responses: {
          200: {
            description: 'text/event-stream',
            content: { 'text/event-stream': { schema: { oneOf: [ref('ConfigEvent'), ref('TrafficEvent')] } } },
          },
        },
      },
    },
    [openApiPath(API_ROUTES.openapi)]: {
      get: {
        operationId: 'getOpenApi',
        summary: 'This document',
        responses: { 200: { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } },
      },
    },
  };
}

/** The whole document; cheap enough to build per request, but callers may cache it. */
export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sluice API',
      version: '1.0.0',
      description:
        'Traffic management console for Istio. All bodies are JSON; errors use { error: { code, message, details? } }.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths: paths(),
    components: { schemas: { ...components(RESPONSE_SCHEMAS, 'output'), ...components(REQUEST_SCHEMAS, 'input') } },
  };
}
