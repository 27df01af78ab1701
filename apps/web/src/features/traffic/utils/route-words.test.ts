import { describe, expect, it } from 'vitest';
import type { RouteView } from '@sluice/model';
import { routeInWords } from './route-words';

/* Route cards say what a route does: the seed 003 routes read as an operator would say them. */

const base = { kind: 'http' as const, mirrors: [], matchSummary: [] };
const v = (subset: string) => ({ host: 'demoapp', subset });

describe('routeInWords', () => {
  it('rewrite: /canary to / and on to v11', () => {
    const route: RouteView = {
      ...base,
      index: 0,
      name: 'canary',
      match: [{ uri: { prefix: '/canary' } }],
      rewrite: { uri: '/' },
      expected: [{ destination: v('v11'), share: 1 }],
      destinations: [{ destination: v('v11') }],
    };
    expect(routeInWords(route)).toEqual({
      when: 'requests where path starts with "/canary"',
      steps: ['rewrite path prefix "/canary" to "/"', 'send 100% to demoapp v11'],
    });
  });

  it('redirect: says the code and the whole Location, port included', () => {
    const route: RouteView = {
      ...base,
      index: 1,
      match: [{ uri: { prefix: '/backend' } }],
      redirect: { uri: '/', authority: 'backend', port: 8082 },
      expected: [],
    };
    expect(routeInWords(route).steps).toEqual(['answer 301 redirect to backend:8082/']);
  });

  it('x-canary match with request and response header operations, per destination and on the route', () => {
    const route: RouteView = {
      ...base,
      index: 0,
      match: [{ headers: { 'x-canary': { exact: 'true' } } }, { withoutHeaders: { 'x-debug': {} }, port: 8080 }],
      headers: { response: { add: { 'X-Envoy': 'test' } }, request: { remove: ['cookie'] } },
      expected: [
        { destination: v('v11'), share: 0.9 },
        { destination: v('v10'), share: 0.1 },
      ],
      destinations: [
        {
          destination: v('v11'),
          weight: 90,
          headers: { request: { set: { 'User-Agent': 'Chrome' } }, response: { add: { 'x-canary': 'true' } } },
        },
        { destination: v('v10'), weight: 10 },
      ],
    };
    expect(routeInWords(route)).toEqual({
      when: 'requests where header x-canary is "true", or header x-debug is absent and port is 8080',
      steps: [
        'remove request header cookie',
        'send 90% to demoapp v11 (there: set request header User-Agent: Chrome, add response header x-canary: true), 10% to demoapp v10',
        'add response header X-Envoy: test',
      ],
    });
  });

  it('a route with no match takes every request that reaches it', () => {
    expect(routeInWords({ ...base, index: 2, expected: [{ destination: v('v10'), share: 1 }] }).when).toBe(
      'every request that reaches it',
    );
  });
});
