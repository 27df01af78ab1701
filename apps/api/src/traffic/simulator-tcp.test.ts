import { describe, expect, it } from 'vitest';
import { tcpEchoProfile } from '@sluice/mesh-sim';
import { editVirtualService, scenarioSimulator } from '@sluice/mesh-sim/testing';
import { buildGraph } from '../graph/build-graph';
import { createSimulatorSource } from './simulator-source';
import { graphQuery } from './sim-test-kit';

/* TCP through the simulator: the tcp-echo gateway route shifted 80/20 shows on the TCP edges. */

const NS = 'istio-io-tcp-traffic-shift';

describe('simulator source + buildGraph: TCP traffic shift', () => {
  it('draws tcp edges split 80/20 by connections, with bytes per second', async () => {
    const busy = { ...tcpEchoProfile, generators: tcpEchoProfile.generators.map((g) => ({ ...g, rps: g.rps * 20 })) };
    const { sim, config } = scenarioSimulator([NS], {
      profiles: [busy],
      edit: (s) =>
        editVirtualService(s, NS, 'tcp-echo', (spec) => ({
          ...spec,
          tcp: [
            {
              match: [{ port: 31400 }],
              route: [
                { destination: { host: 'tcp-echo', port: { number: 9000 }, subset: 'v1' }, weight: 80 },
                { destination: { host: 'tcp-echo', port: { number: 9000 }, subset: 'v2' }, weight: 20 },
              ],
            },
          ],
        })),
    });
    sim.advance(60_000);
    const traffic = await createSimulatorSource(sim).query([NS], '30s');
    const g = buildGraph(config.snapshot(), traffic, graphQuery([NS]));
    const fromService = g.edges.filter((e) => e.source === `service:${NS}:tcp-echo` && e.protocol === 'tcp');
    const v2 = fromService.find((e) => e.target === `app:${NS}:tcp-echo:v2`);
    expect(fromService).toHaveLength(2);
    // Gateway traffic is 100 of 120 connections/s; the sleep pod's 20 have no VirtualService and spread evenly.
    const expectedV2 = (100 * 0.2 + 20 * 0.5) / 120;
    expect(v2?.share).toBeGreaterThan(expectedV2 - 0.05);
    expect(v2?.share).toBeLessThan(expectedV2 + 0.05);
    expect(v2?.bytesPerSec).toBeGreaterThan(0);
    expect(g.nodes.find((n) => n.id === `service:${NS}:tcp-echo`)?.flags.trafficShifting).toBe(true);
  });
});
