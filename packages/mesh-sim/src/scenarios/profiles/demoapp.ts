import type { ScenarioProfile } from '../profile-types';

/*
 * VirtualService advanced (seed 003): `curl proxy`, `curl proxy/canary`, `curl proxy/backend` from
 * the in-mesh client, and `curl fe.toptops.top` from outside through proxy-gateway. proxy is a
 * reverse proxy to demoapp:8080 that forwards path and headers (so /canary reaches demoapp's
 * VirtualService, where it is rewritten) and passes upstream failures back.
 */
const mix = [
  { weight: 70, path: '/' },
  { weight: 15, path: '/canary' },
  { weight: 5, path: '/backend' },
  { weight: 10, path: '/', headers: { 'x-canary': 'true' } },
];

export const demoappProfile: ScenarioProfile = {
  namespace: 'demoapp',
  generators: [
    {
      name: 'client',
      rps: 6,
      protocol: 'http',
      entry: { kind: 'mesh', workload: 'client', namespace: 'demoapp', host: 'proxy', port: 80 },
      mix,
    },
    {
      name: 'outside',
      rps: 4,
      protocol: 'http',
      entry: { kind: 'gateway', gateway: 'istio-system/proxy-gateway', host: 'fe.toptops.top', port: 80 },
      mix,
    },
  ],
  behaviours: {
    proxy: {
      latency: { medianMs: 2, p95Ms: 6 },
      calls: [{ host: 'demoapp', port: 8080, path: 'inherit', forwardHeaders: true, propagateErrors: true }],
    },
    demoapp: { latency: { medianMs: 4, p95Ms: 15 }, responseBytes: 116 },
    backend: { latency: { medianMs: 3, p95Ms: 8 }, responseBytes: 90 },
  },
};
