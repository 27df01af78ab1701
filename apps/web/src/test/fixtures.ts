import { serviceTrafficSchema, type ServiceTraffic } from '@sluice/model';

/** bookinfo reviews: one VirtualService sending 90/10 to v1/v2, subsets v1..v3, observed close to 90/10. */
export function reviewsTraffic(resourceVersion = '42'): ServiceTraffic {
  return serviceTrafficSchema.parse({
    namespace: 'bookinfo',
    service: 'reviews',
    protocol: 'http',
    versions: ['v1', 'v2', 'v3'],
    subsets: ['v1', 'v2', 'v3'].map((v) => ({
      name: v,
      labels: { version: v },
      workloads: [`reviews-${v}`],
      version: v,
      destinationRule: 'reviews',
    })),
    virtualServices: [
      {
        name: 'reviews',
        namespace: 'bookinfo',
        resourceVersion,
        hosts: ['reviews'],
        gateways: [],
        routes: [
          {
            kind: 'http',
            index: 0,
            matchSummary: [],
            expected: [
              { destination: { host: 'reviews', subset: 'v1' }, share: 0.9 },
              { destination: { host: 'reviews', subset: 'v2' }, share: 0.1 },
            ],
            mirrors: [],
          },
        ],
      },
    ],
    observed: {
      window: '30s',
      rps: 10,
      versions: [
        { version: 'v1', subset: 'v1', rps: 8.8, share: 0.88, errorRate: 0 },
        { version: 'v2', subset: 'v2', rps: 1.2, share: 0.12, errorRate: 0 },
      ],
      bySource: [],
    },
    findings: [],
  });
}

export const dryRunResponse = {
  dryRun: true,
  object: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '42' },
    spec: { hosts: ['reviews'] },
  },
  diff: '--- a\n+++ b\n@@ -1 +1 @@\n-      weight: 90\n+      weight: 50',
  findings: [],
};
