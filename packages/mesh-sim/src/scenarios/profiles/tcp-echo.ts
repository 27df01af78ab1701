import type { ScenarioProfile } from '../profile-types';

/*
 * TCP traffic shift (seed 000): `(date; sleep 1) | nc $INGRESS_HOST 31400` from outside through
 * tcp-echo-gateway, plus the same from the sleep pod straight to tcp-echo:9000. tcp-echo answers
 * with its prefix ("one"/"two") and the line it read, then the connection closes after ~1 s.
 */
export const tcpEchoProfile: ScenarioProfile = {
  namespace: 'istio-io-tcp-traffic-shift',
  tcpRequestBytes: 29,
  generators: [
    {
      name: 'nc-through-gateway',
      rps: 5,
      protocol: 'tcp',
      entry: {
        kind: 'gateway',
        gateway: 'istio-io-tcp-traffic-shift/tcp-echo-gateway',
        host: 'tcp-echo.example.com',
        port: 31400,
      },
    },
    {
      name: 'nc-from-sleep',
      rps: 1,
      protocol: 'tcp',
      entry: { kind: 'mesh', workload: 'sleep', namespace: 'istio-io-tcp-traffic-shift', host: 'tcp-echo', port: 9000 },
    },
  ],
  behaviours: {
    'tcp-echo': { latency: { medianMs: 1, p95Ms: 3 }, tcp: { extraResponseBytes: 4, connectionMs: 1000 } },
  },
};
