import { describe, expect, it } from 'vitest';
import type { HTTPRoute } from '../resources/istio';
import { forwardedRequestHeaders } from './header-operations';

/* What the next hop sees after a route's request header operations (Envoy's order: destination, then route). */

const route: HTTPRoute = {
  headers: { request: { set: { 'X-Canary': 'true' }, remove: ['cookie'] }, response: { add: { 'x-envoy': 'test' } } },
  route: [
    {
      destination: { host: 'demoapp', subset: 'v11' },
      headers: { request: { set: { 'user-agent': 'Chrome', 'x-canary': 'no' }, add: { via: 'v11' } } },
    },
    { destination: { host: 'demoapp', subset: 'v10' } },
  ],
};

describe('forwardedRequestHeaders', () => {
  it('applies the destination operations, then the route ones (the route wins a shared name), lower-cased', () => {
    expect(forwardedRequestHeaders({ cookie: 'a=1', via: 'proxy', 'user-agent': 'curl' }, route, 0)).toEqual({
      'user-agent': 'Chrome',
      via: 'proxy,v11',
      'x-canary': 'true',
    });
  });
  it('uses only the route operations for a destination without its own, and leaves response operations out', () => {
    expect(forwardedRequestHeaders({ cookie: 'a=1' }, route, 1)).toEqual({ 'x-canary': 'true' });
    expect(forwardedRequestHeaders({ a: 'b' }, { route: [] }, undefined)).toEqual({ a: 'b' });
  });
});
