import { scenarioSimulator } from '@sluice/mesh-sim/testing';
import { graphSchema, type RequestSample } from '@sluice/model';
import { describe, expect, it } from 'vitest';
import { editRoute, graphQuery } from '../traffic/sim-test-kit';
import { buildGraph } from './build-graph';

/*
 * Seed 003: VirtualService proxy (bound to proxy-gateway) retries 5xx up to 5 times; demoapp aborts
 * 20 % of canary requests with 555, which proxy passes back. The gateway -> proxy edge must show
 * what the gateway saw (its source-reported final outcomes), with the retried attempts apart.
 */

const RUN_S = 120;
const GATEWAY = 'ingress:istio-system:istio-ingressgateway';
const PROXY = 'service:demoapp:proxy';

const isGatewayToProxy = (r: RequestSample) =>
  r.sourceWorkload === 'istio-ingressgateway' && r.destinationServiceName === 'proxy';
const sum = (rs: readonly RequestSample[]) => rs.reduce((a, r) => a + r.rps, 0);
const failed = (r: RequestSample) => r.responseCode === '0' || Number(r.responseCode) >= 400;

describe('retries are not requests (seed 003, the gateway route with retries)', () => {
  it('the gateway -> proxy edge reads what the gateway saw; retried attempts are shown apart', () => {
    // The seed's abort: 20 % of demoapp's default route answer 555, which proxy passes back to the gateway.
    const { sim, config } = scenarioSimulator(['demoapp'], {
      edit: editRoute('demoapp', 'default', (r) => ({
        ...r,
        fault: { abort: { percentage: { value: 20 }, httpStatus: 555 } },
      })),
    });
    sim.advance(RUN_S * 1000);
    const w = sim.query(RUN_S, ['demoapp']);
    // Ground truth from the simulator: the gateway's own record of its requests, and the attempts proxy served.
    const sent = w.requests.filter((r) => isGatewayToProxy(r) && r.reporter === 'source');
    const served = w.requests.filter((r) => isGatewayToProxy(r) && r.reporter === 'destination');
    const clientRps = sum(sent);
    const clientErrors = sum(sent.filter(failed)) / clientRps;
    const attemptRps = sum(served);
    expect(attemptRps).toBeGreaterThan(clientRps * 1.05);

    const g = graphSchema.parse(buildGraph(config.snapshot(), w, { ...graphQuery(['demoapp']), window: `${RUN_S}s` }));
    const e = g.edges.find((x) => x.source === GATEWAY && x.target === PROXY && !x.mirrored)!;
    console.log(
      `gateway -> proxy: client saw ${clientRps.toFixed(2)} rps, ${(clientErrors * 100).toFixed(1)} % errors; ` +
        `proxy served ${attemptRps.toFixed(2)} attempts/s, ${((sum(served.filter(failed)) / attemptRps) * 100).toFixed(1)} % failing; ` +
        `edge: ${e.rps.toFixed(2)} rps, ${(e.errorRate * 100).toFixed(1)} % errors, retries ${e.retries?.rps.toFixed(2)} /s`,
    );
    expect(e.rps).toBeCloseTo(clientRps, 6);
    expect(e.errorRate).toBeCloseTo(clientErrors, 6);
    expect(e.retries?.rps).toBeCloseTo(attemptRps - clientRps, 6);
    expect(e.retries!.errorRate).toBeGreaterThan(0.9);
  });
});
