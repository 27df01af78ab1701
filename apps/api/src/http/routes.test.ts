import type { AddressInfo } from 'node:net';
import {
  API_ROUTES,
  EDITABLE_PLURALS,
  ISTIO_PLURALS,
  apiPath,
  buildOpenApiDocument,
  openApiPath,
  type ApiRoute,
  type RouteParams,
} from '@sluice/model';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import type { SessionManager } from '../auth/sessions';
import { testApp } from './test-kit';

/*
 * The route list lives once, in the model (API_ROUTES). These tests hold the three users of it
 * together: every route is served by the app, every route is in the OpenAPI document, and the
 * document lists no path that is not in the table.
 */

const documented = buildOpenApiDocument().paths as Record<string, Record<string, unknown>>;
const sample: Record<string, string> = {
  ns: 'bookinfo',
  name: 'reviews',
  plural: 'virtualservices',
  action: 'next',
  app: 'reviews',
  version: 'v1',
};
const routes = Object.entries(API_ROUTES) as [string, ApiRoute][];
const fill = (route: ApiRoute) => apiPath(route, sample as Record<RouteParams<typeof route>, string>);

/** The plurals a route is documented for: the object route once per Istio plural, edits once per editable kind. */
function pluralsOf(route: ApiRoute): readonly string[] | undefined {
  if (route === API_ROUTES.object) return Object.values(ISTIO_PLURALS);
  if (route === API_ROUTES.edits) return EDITABLE_PLURALS;
  return undefined;
}

/** Methods the document lists for a route (for a route with :plural, its virtualservices path). */
function methodsOf(route: ApiRoute): string[] {
  const key = pluralsOf(route) ? openApiPath(route, { plural: 'virtualservices' }) : openApiPath(route);
  return Object.keys(documented[key] ?? {});
}

/** Status and error message of one request; the body of a stream is not waited for. */
async function call(base: string, method: string, path: string): Promise<{ status: number; message?: string }> {
  const abort = new AbortController();
  const res = await fetch(`${base}${path}`, {
    method: method.toUpperCase(),
    headers: { 'content-type': 'application/json' },
    ...(method === 'get' ? {} : { body: '{}' }),
    signal: abort.signal,
  });
  const json = res.headers.get('content-type')?.includes('application/json')
    ? ((await res.json()) as { error?: { message?: string } })
    : undefined;
  abort.abort();
  return { status: res.status, ...(json?.error?.message ? { message: json.error.message } : {}) };
}

function serve(app: ReturnType<typeof testApp>['app']) {
  const server = app.listen(0, '127.0.0.1');
  return {
    base: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => {
      app.shutdown();
      server.closeAllConnections();
      server.close();
    },
  };
}

describe('the route list (model API_ROUTES)', () => {
  it('is documented: every route with its methods in the OpenAPI document, one path per Istio (or editable) plural', () => {
    for (const [id, route] of routes) expect(methodsOf(route), id).not.toEqual([]);
    const expected = new Set(
      routes.flatMap(
        ([, route]) => pluralsOf(route)?.map((plural) => openApiPath(route, { plural })) ?? [openApiPath(route)],
      ),
    );
    expect(new Set(Object.keys(documented))).toEqual(expected);
  });

  describe('is served', () => {
    const demo = serve(testApp().app);
    // /api/session exists only with token auth; a stub manager that refuses every token is enough.
    const refuse = async () => {
      throw new AppError('unauthorized', 'token refused', 401);
    };
    const sessions: SessionManager = {
      login: refuse,
      resume: async () => undefined,
      logout: () => {},
      stats: () => ({ sessions: 0, identities: 0 }),
      close: async () => {},
    };
    const withAuth = serve(testApp({ sessions }).app);
    afterAll(() => {
      demo.stop();
      withAuth.stop();
    });

    it.each(routes)('%s', async (id, route) => {
      const server = route === API_ROUTES.session ? withAuth : demo;
      for (const method of methodsOf(route)) {
        const answer = await call(server.base(), method, fill(route));
        // Any answer of the route's own (200, 400 for the empty body, 404 naming the object...) will
        // do; what must not come back is the catch-all for paths no router handles.
        expect(answer.message ?? '', `${method} ${id}`).not.toMatch(/^no API route/);
        expect(answer.status, `${method} ${id}`).toBeLessThan(500);
      }
    });
  });
});
