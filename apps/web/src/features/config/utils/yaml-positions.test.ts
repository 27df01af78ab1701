import { describe, expect, it } from 'vitest';
import type { Finding } from '@sluice/model';
import { checkYaml } from './yaml-check';
import { pathKeys, positionFindings } from './yaml-positions';

/* The editor marks each finding on the line the user has to change. */

const yaml = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: demoapp
  namespace: demoapp
  annotations:
    a/b: x
spec:
  hosts:
    - demoapp
  http:
    - name: default
      timeout: soon
      match:
        - headers:
            x.y:
              exact: "1"
      route:
        - destination:
            host: demoapp
`;
const f = (path: string): Finding => ({ path, code: 'x', severity: 'error', message: 'm' });

describe('positionFindings', () => {
  it('reads finding paths, quoted keys included', () => {
    expect(pathKeys('spec.http[0].match[1].headers["x.y"]')).toEqual(['spec', 'http', 0, 'match', 1, 'headers', 'x.y']);
  });

  it('puts a finding on the line of its field, or of the nearest field the text has', () => {
    const lines = positionFindings(yaml, [
      f('spec.http[0].timeout'),
      f('spec.http[0].match[0].headers["x.y"]'),
      f('metadata.annotations["a/b"]'),
      f('spec.http[0].retries.attempts'),
      f('spec.hosts[0]'),
    ]).map((p) => p.line);
    expect(lines).toEqual([13, 16, 7, 12, 10]);
  });

  it('marks the bad duration the model reports, and a syntax error on its own line', () => {
    const check = checkYaml(yaml.replace('x.y', 'x-y'));
    const placed = positionFindings(yaml, check.findings);
    expect(placed.find((p) => p.code === 'duration_invalid')?.line).toBe(13);
    const broken = 'spec:\n  hosts: [unclosed\n';
    const syntax = positionFindings(broken, checkYaml(broken).findings);
    expect(syntax[0]?.code).toBe('yaml_syntax');
    expect(syntax[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('marks a field Istio does not have (a typo the API server would drop) as a warning at its line', () => {
    const typo = yaml.replace('timeout: soon', 'timout: 1s').replace('x.y', 'x-y');
    const placed = positionFindings(typo, checkYaml(typo).findings);
    expect(placed.map((p) => `${p.severity} ${p.code} ${p.line}`)).toEqual(['warning field_unknown 13']);
  });
});
