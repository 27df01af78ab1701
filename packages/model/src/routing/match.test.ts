import { describe, expect, it } from 'vitest';
import type { HTTPMatchRequest } from '../resources/istio';
import { httpMatchBlockMatches, httpRouteMatch } from './match';
import { matchContext } from './request-context';
import { meshRequest } from './test-kit';
import type { RoutingRequest } from './types';

const ctx = (extra: Partial<RoutingRequest> = {}) => matchContext(meshRequest('ns', 'svc', extra));
const block = (m: HTTPMatchRequest, extra: Partial<RoutingRequest> = {}) => httpMatchBlockMatches(m, ctx(extra), 'ns');

describe('match blocks: AND within, OR across, first block reported', () => {
  const blocks: HTTPMatchRequest[] = [
    { uri: { prefix: '/api' }, method: { exact: 'POST' } },
    { headers: { 'x-canary': { exact: 'true' } } },
  ];
  it('needs every condition of a block', () => {
    expect(httpRouteMatch(blocks, ctx({ path: '/api/x', method: 'POST' }), 'ns')).toEqual({ matchIndex: 0 });
    expect(httpRouteMatch(blocks, ctx({ path: '/api/x', method: 'GET' }), 'ns')).toBeNull();
  });
  it('accepts any block', () => {
    expect(httpRouteMatch(blocks, ctx({ path: '/other', headers: { 'x-canary': 'true' } }), 'ns')).toEqual({
      matchIndex: 1,
    });
  });
  it('a route without blocks matches everything', () => {
    expect(httpRouteMatch(undefined, ctx(), 'ns')).toEqual({ matchIndex: undefined });
    expect(httpRouteMatch([], ctx(), 'ns')).toEqual({ matchIndex: undefined });
  });
});

describe('http conditions', () => {
  it('uri ignores the query string and honours ignoreUriCase', () => {
    expect(block({ uri: { exact: '/productpage' } }, { path: '/productpage?u=normal' })).toBe(true);
    expect(block({ uri: { prefix: '/Canary' } }, { path: '/canary/x' })).toBe(false);
    expect(block({ uri: { prefix: '/Canary' }, ignoreUriCase: true }, { path: '/canary/x' })).toBe(true);
  });
  it('method defaults to GET; authority defaults to the host', () => {
    expect(block({ method: { exact: 'GET' } })).toBe(true);
    expect(block({ authority: { exact: 'svc' } })).toBe(true);
    expect(block({ authority: { prefix: 'fe.' } }, { headers: { host: 'fe.toptops.top' } })).toBe(true);
  });
  it('scheme defaults to http', () => {
    expect(block({ scheme: { exact: 'http' } })).toBe(true);
    expect(block({ scheme: { exact: 'https' } })).toBe(false);
  });
  it('headers: names case-insensitive, {} means present', () => {
    expect(block({ headers: { 'End-User': { exact: 'jason' } } }, { headers: { 'end-user': 'jason' } })).toBe(true);
    expect(block({ headers: { 'end-user': { exact: 'jason' } } }, { headers: { 'End-User': 'jason' } })).toBe(true);
    expect(block({ headers: { 'x-debug': {} } }, { headers: { 'x-debug': '' } })).toBe(true);
    expect(block({ headers: { 'x-debug': {} } })).toBe(false);
    expect(block({ headers: { 'end-user': { regex: 'ja.*' } } }, { headers: { 'end-user': 'jason' } })).toBe(true);
    expect(block({ headers: { 'end-user': { regex: 'ja' } } }, { headers: { 'end-user': 'jason' } })).toBe(false);
  });
  it('withoutHeaders inverts the header condition', () => {
    expect(block({ withoutHeaders: { 'end-user': { exact: 'jason' } } }, { headers: { 'end-user': 'jason' } })).toBe(
      false,
    );
    expect(block({ withoutHeaders: { 'end-user': { exact: 'jason' } } }, { headers: { 'end-user': 'bob' } })).toBe(
      true,
    );
    expect(block({ withoutHeaders: { 'x-debug': {} } })).toBe(true);
    expect(block({ withoutHeaders: { 'x-debug': {} } }, { headers: { 'x-debug': '1' } })).toBe(false);
  });
  it('queryParams come from the path', () => {
    expect(block({ queryParams: { u: { exact: 'test' } } }, { path: '/p?x=1&u=test' })).toBe(true);
    expect(block({ queryParams: { u: { exact: 'test' } } }, { path: '/p?u=prod' })).toBe(false);
    expect(block({ queryParams: { u: {} } }, { path: '/p?u' })).toBe(true);
    expect(block({ queryParams: { u: { regex: 'te.t' } } }, { path: '/p?u=te%73t' })).toBe(true);
  });
  it('port, sourceNamespace and sourceLabels', () => {
    expect(block({ port: 9080 }, { port: 9080 })).toBe(true);
    expect(block({ port: 9080 }, { port: 80 })).toBe(false);
    expect(block({ port: 9080 })).toBe(false);
    expect(block({ sourceNamespace: 'ns' })).toBe(true);
    expect(block({ sourceNamespace: 'other' })).toBe(false);
    const labelled = {
      source: { kind: 'mesh' as const, namespace: 'ns', labels: { app: 'productpage', version: 'v1' } },
    };
    expect(block({ sourceLabels: { app: 'productpage' } }, labelled)).toBe(true);
    expect(block({ sourceLabels: { app: 'productpage', version: 'v2' } }, labelled)).toBe(false);
    expect(block({ sourceLabels: { app: 'productpage' } })).toBe(false);
  });
  it('gateways in a match block select mesh or a gateway (bare names resolved in the VS namespace)', () => {
    expect(block({ gateways: ['mesh'] })).toBe(true);
    expect(block({ gateways: ['gw'] })).toBe(false);
    const fromGw = matchContext({
      protocol: 'http',
      host: 'h',
      namespace: 'ns',
      source: { kind: 'gateway', gateway: 'ns/gw' },
    });
    expect(httpMatchBlockMatches({ gateways: ['gw'] }, fromGw, 'ns')).toBe(true);
    expect(httpMatchBlockMatches({ gateways: ['ns/gw'] }, fromGw, 'other')).toBe(true);
    expect(httpMatchBlockMatches({ gateways: ['gw'] }, fromGw, 'other')).toBe(false);
    expect(httpMatchBlockMatches({ gateways: ['mesh'] }, fromGw, 'ns')).toBe(false);
  });
});
