import type { ScenarioProfile } from '../profile-types';

/*
 * Gateway API (issue 17): clients outside reach echo.example.com through the Gateway API Gateway
 * echo-gateway (HTTPRoute echo, 90/10 echo-v1/echo-v2), and the in-mesh client sleep calls
 * echo:8080 (GAMMA HTTPRoute echo-mesh, 100/0). Ingress carries about four times the mesh rate.
 */
export const gatewayApiProfile: ScenarioProfile = {
  namespace: 'gateway-api',
  generators: [
    {
      name: 'through-echo-gateway',
      rps: 8,
      protocol: 'http',
      entry: { kind: 'gateway', gateway: 'gateway-api/echo-gateway', host: 'echo.example.com', port: 80 },
      mix: [
        { weight: 90, path: '/' },
        { weight: 10, path: '/status' },
      ],
    },
    {
      name: 'sleep',
      rps: 2,
      protocol: 'http',
      entry: { kind: 'mesh', workload: 'sleep', namespace: 'gateway-api', host: 'echo', port: 8080 },
      mix: [{ weight: 1, path: '/' }],
    },
  ],
  behaviours: {
    echo: { latency: { medianMs: 2, p95Ms: 8 }, errorRate: 0, requestBytes: 300, responseBytes: 700 },
  },
};
