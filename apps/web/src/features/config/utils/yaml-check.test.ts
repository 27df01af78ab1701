import { describe, expect, it } from 'vitest';
import { checkYaml, toYaml, withResourceVersion } from './yaml-check';

const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
  resourceVersion: "3"
spec:
  hosts: [reviews]
  http:
    - route:
        - destination: { host: reviews, subset: v1 }
          weight: 90
        - destination: { host: reviews, subset: v2 }
          weight: 10
`;

describe('checkYaml', () => {
  it('accepts a valid VirtualService', () => {
    const r = checkYaml(vs);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('reports a YAML syntax error with its line', () => {
    const r = checkYaml('kind: VirtualService\n  bad: [');
    expect(r.findings[0]?.code).toBe('yaml_syntax');
  });

  it('reports field rules from the model (abort status out of range)', () => {
    const bad = vs.replace(
      '    - route:',
      '    - fault: { abort: { httpStatus: 700, percentage: { value: 10 } } }\n      route:',
    );
    const r = checkYaml(bad);
    expect(r.findings.some((f) => f.severity === 'error' && f.path.includes('fault.abort'))).toBe(true);
  });

  it('re-bases an edit on a newer resourceVersion and round-trips through toYaml', () => {
    const rebased = withResourceVersion(vs, '9');
    expect(rebased).toContain('resourceVersion: "9"');
    expect(toYaml({ kind: 'X', status: { a: 1 }, metadata: { name: 'n', managedFields: [] } })).not.toMatch(
      /status|managedFields/,
    );
  });
});
