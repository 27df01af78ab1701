import { apiErrorBodySchema, editsResponseSchema, type Edit } from '@sluice/model';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from './test-kit';

/*
 * The route edits of issue 15 through POST .../virtualservices/:name/edits, against the demo store's
 * seed 003 VirtualService: each op writes what it says (and the dry run shows it without writing);
 * malformed input is a 400 and a value istiod refuses a 422, both naming the path, nothing written.
 */

const VS = '/api/namespaces/demoapp/virtualservices/demoapp';
const http = (name: string) => ({ kind: 'http', name });
type App = ReturnType<typeof testApp>['app'];

async function stored(app: App) {
  return (await request(app).get(VS).expect(200)).body;
}
async function post(app: App, edits: unknown[], query = '') {
  const rv = (await stored(app)).metadata.resourceVersion as string;
  return request(app)
    .post(`${VS}/edits${query}`)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify({ resourceVersion: rv, edits }));
}

describe('each route op writes what it says', () => {
  const cases: [string, Edit[], (vs: { spec: { http: Record<string, unknown>[] } }) => void][] = [
    [
      'setRewrite',
      [
        {
          op: 'setRewrite',
          route: { kind: 'http', name: 'canary' },
          rewrite: { uri: '/v2/', authority: 'demoapp-v2' },
        },
      ],
      (vs) => expect(vs.spec.http[0]?.rewrite).toEqual({ uri: '/v2/', authority: 'demoapp-v2' }),
    ],
    [
      'setRedirect',
      [
        {
          op: 'setRedirect',
          route: { kind: 'http', name: 'redirect' },
          redirect: { uri: '/', authority: 'backend', port: 8082, redirectCode: 308 },
        },
      ],
      (vs) =>
        expect(vs.spec.http[1]?.redirect).toEqual({ uri: '/', authority: 'backend', port: 8082, redirectCode: 308 }),
    ],
    [
      'setHeaders (route and destination)',
      [
        {
          op: 'setHeaders',
          route: { kind: 'http', name: 'default' },
          headers: { response: { add: { 'X-Envoy': 'test' } } },
        },
        {
          op: 'setHeaders',
          route: { kind: 'http', name: 'default' },
          destinationIndex: 1,
          headers: { request: { set: { 'User-Agent': 'Chrome' } } },
        },
      ],
      (vs) => {
        expect(vs.spec.http[2]?.headers).toEqual({ response: { add: { 'X-Envoy': 'test' } } });
        expect((vs.spec.http[2]?.route as { headers?: unknown }[])[1]?.headers).toEqual({
          request: { set: { 'User-Agent': 'Chrome' } },
        });
      },
    ],
    [
      'setMatch',
      [
        {
          op: 'setMatch',
          route: { kind: 'http', name: 'canary' },
          match: [
            { uri: { prefix: '/canary' } },
            { headers: { 'x-canary': { exact: 'true' } }, withoutHeaders: { 'x-debug': {} } },
          ],
        },
      ],
      (vs) =>
        expect(vs.spec.http[0]?.match).toEqual([
          { uri: { prefix: '/canary' } },
          { headers: { 'x-canary': { exact: 'true' } }, withoutHeaders: { 'x-debug': {} } },
        ]),
    ],
    [
      'addRoute + setMatch + setWeights + setHeaders in one request',
      [
        { op: 'addRoute', name: 'x-canary' },
        {
          op: 'setMatch',
          route: { kind: 'http', name: 'x-canary' },
          match: [{ headers: { 'x-canary': { exact: 'true' } } }],
        },
        {
          op: 'setWeights',
          route: { kind: 'http', name: 'x-canary' },
          weights: [{ destination: { host: 'demoapp', subset: 'v11' }, weight: 100 }],
        },
        {
          op: 'setHeaders',
          route: { kind: 'http', name: 'x-canary' },
          destinationIndex: 0,
          headers: { request: { set: { 'User-Agent': 'Chrome' } }, response: { add: { 'x-canary': 'true' } } },
        },
      ],
      (vs) => expect(vs.spec.http.map((r) => r.name)).toEqual(['canary', 'redirect', 'x-canary', 'default']),
    ],
    [
      'moveRoute',
      [{ op: 'moveRoute', route: { kind: 'http', name: 'redirect' }, to: 0 }],
      (vs) => expect(vs.spec.http.map((r) => r.name)).toEqual(['redirect', 'canary', 'default']),
    ],
    [
      'removeRoute',
      [{ op: 'removeRoute', route: { kind: 'http', name: 'redirect' } }],
      (vs) => expect(vs.spec.http.map((r) => r.name)).toEqual(['canary', 'default']),
    ],
  ];

  it.each(cases)('%s: the dry run previews it without writing, the write stores it', async (_name, edits, check) => {
    const { app } = testApp();
    const before = await stored(app);
    const dry = await post(app, edits, '?dryRun=true');
    expect(dry.status).toBe(200);
    const preview = editsResponseSchema.parse(dry.body);
    expect(preview.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(preview.diff).toMatch(/^[+-] /m);
    check(preview.object as never);
    expect(await stored(app)).toEqual(before);

    const res = await post(app, edits);
    expect(res.status).toBe(200);
    const after = await stored(app);
    expect(after.metadata.resourceVersion).not.toBe(before.metadata.resourceVersion);
    check(after);
  });
});

describe('bad input names the path and writes nothing', () => {
  const cases: [string, unknown[], 400 | 422, string][] = [
    // shape (400): paths into the request
    [
      'redirect port out of range',
      [{ op: 'setRedirect', route: http('redirect'), redirect: { port: 70000 } }],
      400,
      'edits[0].redirect.port',
    ],
    [
      'unknown redirect field',
      [{ op: 'setRedirect', route: http('redirect'), redirect: { code: 301 } }],
      400,
      'edits[0].redirect',
    ],
    [
      'derivePort not an enum value',
      [{ op: 'setRedirect', route: http('redirect'), redirect: { derivePort: 'X' } }],
      400,
      'edits[0].redirect.derivePort',
    ],
    [
      'header name with a space',
      [{ op: 'setHeaders', route: http('default'), headers: { request: { set: { 'bad name': 'x' } } } }],
      400,
      'edits[0].headers.request.set["bad name"]',
    ],
    [
      'match with two kinds',
      [{ op: 'setMatch', route: http('canary'), match: [{ uri: { exact: '/', prefix: '/' } }] }],
      400,
      'edits[0].match[0].uri',
    ],
    [
      'match with an unknown condition',
      [{ op: 'setMatch', route: http('canary'), match: [{ path: { exact: '/' } }] }],
      400,
      'edits[0].match[0]',
    ],
    ['negative move target', [{ op: 'moveRoute', route: http('canary'), to: -1 }], 400, 'edits[0].to'],
    // validation (422): paths into the object
    [
      'redirect code 200',
      [{ op: 'setRedirect', route: http('redirect'), redirect: { uri: '/', redirectCode: 200 } }],
      422,
      'spec.http[1].redirect.redirectCode',
    ],
    [
      'redirect on a forwarding route',
      [{ op: 'setRedirect', route: http('canary'), redirect: { authority: 'backend' } }],
      422,
      'spec.http[0].redirect',
    ],
    [
      'uri with uriRegexRewrite',
      [
        {
          op: 'setRewrite',
          route: http('canary'),
          rewrite: { uri: '/', uriRegexRewrite: { match: '^/c', rewrite: '/' } },
        },
      ],
      422,
      'spec.http[0].rewrite.uriRegexRewrite',
    ],
    [
      'lookahead in a uri regex',
      [{ op: 'setMatch', route: http('canary'), match: [{ uri: { regex: '/(?!admin).*' } }] }],
      422,
      'spec.http[0].match[0].uri.regex',
    ],
    [
      'backreference in a rewrite regex',
      [{ op: 'setRewrite', route: http('canary'), rewrite: { uriRegexRewrite: { match: '(a)\\1', rewrite: '/' } } }],
      422,
      'spec.http[0].rewrite.uriRegexRewrite.match',
    ],
    [
      'header name Istio refuses',
      [{ op: 'setHeaders', route: http('default'), headers: { response: { add: { 'x.dot': '1' } } } }],
      422,
      'spec.http[2].headers.response.add["x.dot"]',
    ],
    [
      'headers on a missing destination',
      [{ op: 'setHeaders', route: http('canary'), destinationIndex: 4, headers: null }],
      422,
      'spec.http[0].route',
    ],
    ['added route left empty', [{ op: 'addRoute', name: 'empty' }], 422, 'spec.http[2]'],
    ['duplicate added route name', [{ op: 'addRoute', name: 'canary' }], 422, 'spec.http'],
    ['move past the end', [{ op: 'moveRoute', route: http('canary'), to: 3 }], 422, 'spec.http'],
    ['remove a route that is not there', [{ op: 'removeRoute', route: http('nope') }], 422, 'spec.http'],
  ];

  it.each(cases)('%s: the status and path of the refusal', async (_name, edits, status, path) => {
    const { app } = testApp();
    const before = await stored(app);
    const res = await post(app, edits);
    expect(res.status).toBe(status);
    const { error } = apiErrorBodySchema.parse(res.body);
    const paths = (error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toContain(path);
    expect(await stored(app)).toEqual(before);
  });
});
