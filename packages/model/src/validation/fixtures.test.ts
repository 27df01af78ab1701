import { describe, expect, it } from 'vitest';
import type { IstioObject, VirtualService } from '../resources/istio';
import { loadScenarioObjects, loadScenarioSnapshot } from '../fixtures/test-scenarios';
import { validateObject } from './validate-object';

const ISTIO = new Set(['VirtualService', 'DestinationRule', 'Gateway', 'HTTPRoute', 'GRPCRoute', 'TCPRoute']);
const snapshot = loadScenarioSnapshot();
// The Gateway API's Gateway shares Istio's kind name but is not one of the kinds Sluice edits.
const istioObjects = loadScenarioObjects().filter(
  (o) =>
    ISTIO.has(String(o.kind)) &&
    !(o.kind === 'Gateway' && String(o.apiVersion).startsWith('gateway.networking.k8s.io/')),
) as IstioObject[];

function vsNamed(namespace: string, name: string): VirtualService {
  const vs = snapshot.virtualServices.find((v) => v.metadata.namespace === namespace && v.metadata.name === name);
  if (!vs) throw new Error(`no VirtualService ${namespace}/${name}`);
  return structuredClone(vs);
}

/** Validate a mutated copy against the snapshot with the original replaced. */
function findingsFor(vs: VirtualService) {
  const ctx = {
    ...snapshot,
    virtualServices: snapshot.virtualServices.map((v) =>
      v.metadata.name === vs.metadata.name && v.metadata.namespace === vs.metadata.namespace ? vs : v,
    ),
  };
  return validateObject(vs, ctx);
}

describe('scenario fixtures validate clean', () => {
  it('has Istio objects from every scenario', () => {
    expect(istioObjects.length).toBeGreaterThanOrEqual(20);
  });
  it.each(istioObjects.map((o) => [`${o.kind} ${o.metadata.namespace}/${o.metadata.name}`, o] as const))(
    '%s',
    (_label, obj) => {
      expect(validateObject(obj, snapshot)).toEqual([]);
    },
  );
});

describe('targeted mutations fail with the right code and path', () => {
  it('negative weight', () => {
    const vs = vsNamed('data-product', 'data-product');
    vs.spec.http![0]!.route![1]!.weight = -10;
    expect(findingsFor(vs)).toContainEqual(
      expect.objectContaining({ code: 'weight_negative', path: 'spec.http[0].route[1].weight', severity: 'error' }),
    );
  });

  it('missing subset', () => {
    const vs = vsNamed('bookinfo', 'reviews');
    vs.spec.http![0]!.route![0]!.destination.subset = 'v9';
    expect(findingsFor(vs)).toContainEqual(
      expect.objectContaining({
        code: 'subset_not_found',
        path: 'spec.http[0].route[0].destination.subset',
        severity: 'error',
      }),
    );
  });

  it('fault percentage between 0 and 0.0001', () => {
    const vs = vsNamed('demoapp', 'demoapp');
    vs.spec.http![0]!.fault = { abort: { httpStatus: 555, percentage: { value: 0.00005 } } };
    expect(findingsFor(vs)).toContainEqual(
      expect.objectContaining({ code: 'fault_percentage_range', path: 'spec.http[0].fault.abort.percentage.value' }),
    );
  });

  it('mirror together with mirrors', () => {
    const vs = vsNamed('demoapp', 'demoapp');
    const route = vs.spec.http![2]!;
    route.mirror = { host: 'demoapp', subset: 'v11' };
    route.mirrors = [{ destination: { host: 'demoapp', subset: 'v11' }, percentage: { value: 10 } }];
    expect(findingsFor(vs)).toContainEqual(
      expect.objectContaining({ code: 'mirror_and_mirrors', path: 'spec.http[2].mirrors' }),
    );
  });

  it('redirect with fault', () => {
    const vs = vsNamed('demoapp', 'demoapp');
    vs.spec.http![1]!.fault = { delay: { fixedDelay: '3s', percentage: { value: 20 } } };
    expect(findingsFor(vs)).toContainEqual(
      expect.objectContaining({ code: 'redirect_with_fault', path: 'spec.http[1].fault' }),
    );
  });

  it.each([
    ['1x', 'duration_invalid'],
    ['500us', 'duration_too_short'],
    ['-1s', 'duration_invalid'],
  ])('bad duration %s', (timeout, code) => {
    const vs = vsNamed('demoapp', 'proxy');
    vs.spec.http![0]!.timeout = timeout;
    expect(findingsFor(vs)).toContainEqual(expect.objectContaining({ code, path: 'spec.http[0].timeout' }));
  });

  it('bad perTryTimeout and fixedDelay', () => {
    const vs = vsNamed('demoapp', 'proxy');
    vs.spec.http![0]!.retries!.perTryTimeout = 'soon';
    vs.spec.http![0]!.fault = { delay: { fixedDelay: '3 s', percentage: { value: 5 } } };
    const codes = findingsFor(vs).map((f) => `${f.code} ${f.path}`);
    expect(codes).toContain('duration_invalid spec.http[0].retries.perTryTimeout');
    expect(codes).toContain('duration_invalid spec.http[0].fault.delay.fixedDelay');
  });

  it('duplicate host', () => {
    const vs = vsNamed('front-tomcat', 'front-tomcat');
    vs.spec.hosts = ['front-tomcat', 'front-tomcat'];
    expect(findingsFor(vs)).toContainEqual(
      expect.objectContaining({ code: 'host_duplicate', path: 'spec.hosts[1]', severity: 'error' }),
    );
  });

  it('abort 600', () => {
    const vs = vsNamed('demoapp', 'demoapp');
    vs.spec.http![0]!.fault = { abort: { httpStatus: 600, percentage: { value: 20 } } };
    expect(findingsFor(vs)).toContainEqual(
      expect.objectContaining({ code: 'abort_http_status_range', path: 'spec.http[0].fault.abort.httpStatus' }),
    );
  });

  it('a mutation of one field yields no findings elsewhere', () => {
    const vs = vsNamed('data-product', 'data-product');
    vs.spec.http![0]!.route![1]!.weight = -10;
    expect(findingsFor(vs).map((f) => f.path)).toEqual(['spec.http[0].route[1].weight']);
  });
});
