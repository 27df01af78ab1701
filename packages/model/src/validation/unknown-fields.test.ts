import { describe, expect, it } from 'vitest';
import { loadScenarioSnapshot } from '../fixtures/test-scenarios';
import { unknownVirtualServiceFields } from './unknown-fields';

describe('unknownVirtualServiceFields', () => {
  it('finds nothing in the scenario VirtualServices', () => {
    for (const vs of loadScenarioSnapshot().virtualServices) expect(unknownVirtualServiceFields(vs)).toEqual([]);
  });

  it('warns about typos at their paths, at every level, and never throws on odd input', () => {
    const vs = {
      kind: 'VirtualService',
      spec: {
        hosts: ['a'],
        htpp: [],
        http: [
          {
            timout: '1s',
            match: [{ uri: { prefx: '/' }, headers: { 'x-a': { exct: '1' } } }],
            route: [{ destination: { host: 'a', subet: 'v1' }, wieght: 1 }],
          },
        ],
      },
    };
    expect(unknownVirtualServiceFields(vs).map((f) => `${f.severity} ${f.path}`)).toEqual([
      'warning spec.htpp',
      'warning spec.http[0].timout',
      'warning spec.http[0].match[0].uri.prefx',
      'warning spec.http[0].match[0].headers.x-a.exct',
      'warning spec.http[0].route[0].destination.subet',
      'warning spec.http[0].route[0].wieght',
    ]);
    for (const odd of [
      null,
      3,
      'x',
      { kind: 'VirtualService', spec: [1] },
      { kind: 'VirtualService', spec: { http: 'x' } },
    ])
      expect(() => unknownVirtualServiceFields(odd)).not.toThrow();
  });
});
