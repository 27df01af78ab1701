import type { ScenarioProfile } from '../profile-types';

/*
 * Canary release (seed 001): a client calls business-product (9 pods) over HTTP, and each request
 * makes one gRPC call to data-product, split between v3.0 and v4.0 by the VirtualService.
 */
export const dataProductProfile: ScenarioProfile = {
  namespace: 'data-product',
  generators: [
    {
      name: 'business-product-callers',
      rps: 9,
      protocol: 'http',
      entry: { kind: 'mesh', workload: 'client', namespace: 'data-product', host: 'business-product', port: 8080 },
      mix: [{ weight: 1, path: '/product' }],
    },
  ],
  behaviours: {
    'business-product': {
      latency: { medianMs: 4, p95Ms: 12 },
      calls: [
        {
          host: 'data-product',
          port: 50051,
          protocol: 'grpc',
          path: '/product.DataProduct/Get',
          propagateErrors: true,
        },
      ],
    },
    'data-product': { latency: { medianMs: 3, p95Ms: 9 }, errorRate: 0.002, responseBytes: 96 },
    // The canary is a little slower, so a latency comparison between subsets has something to show.
    'data-product@v4.0': { latency: { medianMs: 4, p95Ms: 14 } },
  },
};
