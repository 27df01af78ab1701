import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { API_ROUTES, apiErrorBodySchema, type ConfigEvent } from '@sluice/model';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './test-kit';

/*
 * Every malformed request a probe of the running API found answering 500 (issue 14), and their
 * neighbours: each must be a 400 that says what is wrong, and nothing may be written. "Nothing
 * written" is checked on the store itself: no change event, every resourceVersion as it was.
 */

const { app, deps } = testApp();
const events: ConfigEvent[] = [];
deps.store.subscribe((e) => events.push(e));
const versions = () => {
  const { virtualServices, destinationRules, gateways } = deps.store.snapshot();
  return [...virtualServices, ...destinationRules, ...gateways].map(
    (o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}@${o.metadata.resourceVersion}`,
  );
};
const before = versions();
// Bodies go out byte for byte over a real socket (supertest would serialise a Buffer as JSON).
const server = createServer(app);
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  app.shutdown();
  await new Promise((resolve) => server.close(resolve));
});

async function send(method: string, path: string, type: string, body: string | Buffer, encoding?: string) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': type, ...(encoding ? { 'content-encoding': encoding } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** Which methods each parameterised route answers (the path is decoded before any handler runs). */
const METHODS: Record<string, readonly ('get' | 'post' | 'put')[]> = {
  [API_ROUTES.services]: ['get'],
  [API_ROUTES.serviceTraffic]: ['get'],
  [API_ROUTES.object]: ['get', 'put'],
  [API_ROUTES.edits]: ['post'],
  [API_ROUTES.routing]: ['post'],
  [API_ROUTES.rollout]: ['get', 'post'],
  [API_ROUTES.rolloutAction]: ['post'],
  [API_ROUTES.demoVersionHealth]: ['get', 'put'],
  [API_ROUTES.serviceMetrics]: ['get'],
  [API_ROUTES.workload]: ['get'],
  [API_ROUTES.app]: ['get'],
  [API_ROUTES.workloadMetrics]: ['get'],
};
const SAMPLE: Record<string, string> = {
  ns: 'bookinfo',
  name: 'reviews',
  plural: 'virtualservices',
  action: 'pause',
  app: 'reviews',
  version: 'v1',
};
// The three, plus a lone %, an overlong UTF-8 form, a stray continuation byte and a %u escape.
const BAD_ENCODINGS = ['%', 'a%ZZ', '%E0%A4%A', '%%', '%C0%80', '%FF', '%E2%82', '%u0041'];

function errorOf(body: unknown) {
  return apiErrorBodySchema.parse(body).error;
}

describe('a path parameter that is not valid percent-encoding is a 400 naming it, on every route', () => {
  const routes = Object.values(API_ROUTES).filter((r) => r.includes(':'));
  it('covers every parameterised route of the contract', () => {
    expect(Object.keys(METHODS).sort()).toEqual([...routes].sort());
  });
  const cases = routes.flatMap((route) => {
    const params = [...route.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] ?? '');
    return (METHODS[route] ?? []).flatMap((method) =>
      params.flatMap((param) => BAD_ENCODINGS.map((bad) => ({ route, method, param, bad }))),
    );
  });
  it.each(cases)('$method $route with :$param = $bad', async ({ route, method, param, bad }) => {
    const path = route.replace(/:([A-Za-z]+)/g, (_, p: string) => (p === param ? bad : (SAMPLE[p] ?? 'x')));
    const res = await request(app)[method](path).send({});
    expect(res.status).toBe(400);
    const error = errorOf(res.body);
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain(`"${bad}" is not valid percent-encoding`);
  });
});

const VS = '/api/namespaces/bookinfo/virtualservices/reviews';
const EDITS = `${VS}/edits`;
const laughs = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
].join('\n');

interface BodyCase {
  name: string;
  method: 'put' | 'post';
  path: string;
  type: string;
  encoding?: string;
  body: string | Buffer;
  message: RegExp;
}

const BODY_CASES: BodyCase[] = [
  {
    name: 'YAML alias to no anchor',
    method: 'put',
    path: VS,
    type: 'application/json',
    body: JSON.stringify({ yaml: 'a: *nothere' }),
    message: /malformed YAML: Unresolved alias.*nothere/,
  },
  {
    name: 'YAML alias to no anchor, raw YAML body',
    method: 'put',
    path: VS,
    type: 'application/yaml',
    body: 'a: *nothere',
    message: /malformed YAML: Unresolved alias/,
  },
  {
    name: 'YAML merge key from no anchor',
    method: 'put',
    path: VS,
    type: 'application/yaml',
    body: '<<: *base\nkind: VirtualService',
    message: /malformed YAML: Unresolved alias/,
  },
  {
    name: 'YAML alias bomb (9^6 nodes)',
    method: 'put',
    path: VS,
    type: 'application/json',
    body: JSON.stringify({ yaml: laughs }),
    message: /malformed YAML: Excessive alias count/,
  },
  {
    name: 'YAML alias bomb, raw YAML body',
    method: 'put',
    path: VS,
    type: 'text/yaml',
    body: laughs,
    message: /malformed YAML: Excessive alias count/,
  },
  {
    name: 'gzip body that is not gzip (edits)',
    method: 'post',
    path: EDITS,
    type: 'application/json',
    encoding: 'gzip',
    body: '{"resourceVersion":"1","edits":[]}',
    message: /not valid gzip as its Content-Encoding says/,
  },
  {
    name: 'gzip body that is not gzip (replace)',
    method: 'put',
    path: VS,
    type: 'application/json',
    encoding: 'gzip',
    body: '{"yaml":"a: 1"}',
    message: /not valid gzip/,
  },
  {
    name: 'gzip body that is not gzip (raw YAML)',
    method: 'put',
    path: VS,
    type: 'application/yaml',
    encoding: 'gzip',
    body: 'kind: VirtualService',
    message: /not valid gzip/,
  },
  {
    name: 'truncated gzip',
    method: 'post',
    path: EDITS,
    type: 'application/json',
    encoding: 'gzip',
    body: gzipSync('{"resourceVersion":"1","edits":[]}').subarray(0, 20),
    message: /not valid gzip/,
  },
  {
    name: 'deflate body that is not deflate',
    method: 'post',
    path: EDITS,
    type: 'application/json',
    encoding: 'deflate',
    body: '{}',
    message: /not valid deflate/,
  },
  {
    name: 'brotli body that is not brotli',
    method: 'post',
    path: EDITS,
    type: 'application/json',
    encoding: 'br',
    body: '{}',
    message: /not valid br/,
  },
  {
    name: 'valid gzip of malformed JSON',
    method: 'post',
    path: EDITS,
    type: 'application/json',
    encoding: 'gzip',
    body: gzipSync('{"edits": ['),
    message: /malformed JSON body/,
  },
  {
    name: 'valid brotli of a body of the wrong shape',
    method: 'post',
    path: EDITS,
    type: 'application/json',
    encoding: 'br',
    body: brotliCompressSync('{"edits": 1}'),
    message: /invalid body/,
  },
  {
    name: 'JSON that is not an object',
    method: 'post',
    path: EDITS,
    type: 'application/json',
    body: '"edits"',
    message: /malformed JSON body/,
  },
];

describe('a malformed body is a 400 with a clear message, and nothing is written', () => {
  it.each(BODY_CASES)('$name', async ({ method, path, type, encoding, body, message }) => {
    const res = await send(method.toUpperCase(), path, type, body, encoding);
    expect(res.status).toBe(400);
    const error = errorOf(res.body);
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(message);
  });

  it('a gzip bomb is cut off at the body limit (413), not inflated into memory', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, ' '));
    expect(bomb.length).toBeLessThan(100_000);
    const res = await send('POST', EDITS, 'application/json', bomb, 'gzip');
    expect(res.status).toBe(413);
    expect(errorOf(res.body).message).toMatch(/too large/);
  });

  it('left every object as it was and sent no change event', () => {
    expect(events).toEqual([]);
    expect(versions()).toEqual(before);
  });
});
