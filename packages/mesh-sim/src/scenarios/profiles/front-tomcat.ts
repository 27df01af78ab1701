import type { ScenarioProfile } from '../profile-types';

/*
 * Ingress gateway (seed 004): browsers reach tomcat.istio.com through front-tomcat-gateway
 * (VirtualService gateway-front-tomcat), and an in-mesh client calls front-tomcat:8080 (the
 * mesh-internal VirtualService front-tomcat). Both split 90/10 at start.
 */
export const frontTomcatProfile: ScenarioProfile = {
  namespace: 'front-tomcat',
  generators: [
    {
      name: 'browsers',
      rps: 6,
      protocol: 'http',
      entry: { kind: 'gateway', gateway: 'front-tomcat/front-tomcat-gateway', host: 'tomcat.istio.com', port: 80 },
      mix: [
        { weight: 80, path: '/' },
        { weight: 20, path: '/examples/' },
      ],
    },
    {
      name: 'client',
      rps: 3,
      protocol: 'http',
      entry: { kind: 'mesh', workload: 'client', namespace: 'front-tomcat', host: 'front-tomcat', port: 8080 },
      mix: [{ weight: 1, path: '/' }],
    },
  ],
  behaviours: {
    'front-tomcat': { latency: { medianMs: 5, p95Ms: 20 }, errorRate: 0.001, responseBytes: 11_000 },
  },
};
