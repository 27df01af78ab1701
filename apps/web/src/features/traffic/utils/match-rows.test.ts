import { describe, expect, it } from 'vitest';
import type { HTTPMatchRequest } from '@sluice/model';
import { blockRows, emptyBlock, matchSpec } from './match-rows';

/* The match form edits every part of Istio's match grammar and writes back exactly what was read. */

describe('match rows', () => {
  it('round-trips a block using every field', () => {
    const block: HTTPMatchRequest = {
      name: 'canary-users',
      uri: { prefix: '/canary' },
      method: { exact: 'GET' },
      authority: { regex: 'demoapp(:8080)?' },
      scheme: { exact: 'http' },
      headers: { 'x-canary': { exact: 'true' }, 'x-present': {} },
      withoutHeaders: { 'x-debug': {} },
      queryParams: { tier: { prefix: 'gold' } },
      port: 8080,
      sourceLabels: { app: 'proxy', version: 'v1' },
      gateways: ['mesh', 'istio-system/proxy-gateway'],
      sourceNamespace: 'demoapp',
      ignoreUriCase: true,
    };
    expect(matchSpec([blockRows(block)])).toEqual({ spec: [block], problems: [] });
  });

  it('reports problems where they are instead of writing something else', () => {
    const b = emptyBlock();
    b.conditions = [
      { field: 'header', name: '', kind: 'exact', value: 'x' },
      { field: 'uri', name: '', kind: 'present', value: '' },
      { field: 'query', name: 'a', kind: 'exact', value: '1' },
      { field: 'query', name: 'a', kind: 'exact', value: '2' },
    ];
    b.port = '80x';
    b.sourceLabels = 'app';
    expect(matchSpec([b]).problems.map((p) => p.at)).toEqual([
      'match[0].conditions[0]',
      'match[0].conditions[1]',
      'match[0].conditions[3]',
      'match[0].port',
      'match[0].sourceLabels',
    ]);
  });
});
