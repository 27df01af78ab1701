import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';

const doc = buildOpenApiDocument() as {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      { parameters?: { name: string; in: string }[]; responses: Record<string, unknown>; requestBody?: unknown }
    >
  >;
  components: { schemas: Record<string, Record<string, unknown>> };
};

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('buildOpenApiDocument', () => {
  it('is an OpenAPI 3.1 document that survives JSON', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('covers every endpoint of the API contract', () => {
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(ops).toEqual(
      expect.arrayContaining([
        'GET /api/healthz',
        'GET /api/readyz',
        'GET /api/livez',
        'GET /api/namespaces',
        'GET /api/graph',
        'GET /api/namespaces/{ns}/services/{name}/traffic',
        'GET /api/namespaces/{ns}/virtualservices/{name}',
        'GET /api/namespaces/{ns}/destinationrules/{name}',
        'GET /api/namespaces/{ns}/gateways/{name}',
        'PUT /api/namespaces/{ns}/virtualservices/{name}',
        'POST /api/namespaces/{ns}/virtualservices/{name}/edits',
        'POST /api/namespaces/{ns}/services/{name}/routing',
        'GET /api/events',
        'GET /api/openapi.json',
        'GET /api/demo/namespaces/{ns}/apps/{app}/versions/{version}/health',
        'PUT /api/demo/namespaces/{ns}/apps/{app}/versions/{version}/health',
      ]),
    );
  });

  it('documents the demo health body from the model schema, bounds included', () => {
    const health = doc.components.schemas.VersionHealth as { properties: Record<string, unknown>; required: string[] };
    expect(health.properties.errorRate).toMatchObject({ type: 'number', minimum: 0, maximum: 1 });
    expect(health.properties.extraLatencyMs).toMatchObject({ type: 'number', minimum: 0 });
    expect(health.required).toEqual(['errorRate', 'extraLatencyMs']);
    const edits = doc.components.schemas.EditsRequest as { properties: Record<string, unknown> };
    expect(edits.properties.overrideRollout).toMatchObject({ type: 'boolean' });
  });

  it('resolves every $ref to a component', () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(20);
    for (const r of all) expect(doc.components.schemas[r.replace('#/components/schemas/', '')], r).toBeDefined();
  });

  it('declares every templated path segment as a path parameter', () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(methods)) {
        expect(
          (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          path,
        ).toEqual(names);
      }
    }
  });

  it('describes the edit ops, the error envelope and the graph query', () => {
    const edit = JSON.stringify(doc.components.schemas.Edit);
    for (const op of [
      'setWeights',
      'setFault',
      'setMirror',
      'setTimeout',
      'setRetries',
      'setMatchRoute',
      'setTcpWeights',
      'setRewrite',
      'setRedirect',
      'setHeaders',
      'setMatch',
      'addRoute',
      'removeRoute',
      'moveRoute',
    ])
      expect(edit).toContain(op);
    // The match grammar and the redirect/rewrite shapes are documented field by field.
    for (const field of [
      'withoutHeaders',
      'queryParams',
      'ignoreUriCase',
      'uriRegexRewrite',
      'redirectCode',
      'derivePort',
    ])
      expect(edit).toContain(field);
    expect(JSON.stringify(doc.components.schemas.ApiError)).toContain('conflict');
    const graph = doc.paths['/api/graph']!.get!;
    expect(graph.parameters?.map((p) => p.name)).toEqual(['namespaces', 'graphType', 'window', 'injectServiceNodes']);
    const edits = doc.paths['/api/namespaces/{ns}/virtualservices/{name}/edits']!.post!;
    expect(Object.keys(edits.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409', '422']));
    expect(doc.components.schemas.Health).not.toHaveProperty('$schema');
  });
});
