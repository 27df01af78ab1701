import type { ScenarioProfile } from '../profile-types';

/*
 * Bookinfo (seed 002): users load /productpage through the ingress gateway; productpage calls
 * details and reviews and forwards `end-user` (the logged-in user) so `end-user: jason` rules
 * apply at reviews; reviews v2/v3 call ratings, v1 does not. A share of the users is jason.
 */
export const bookinfoProfile: ScenarioProfile = {
  namespace: 'bookinfo',
  generators: [
    {
      name: 'bookinfo-users',
      rps: 10,
      protocol: 'http',
      entry: { kind: 'gateway', gateway: 'bookinfo/bookinfo-gateway', host: 'bookinfo.example.com', port: 8080 },
      mix: [
        { weight: 70, path: '/productpage' },
        { weight: 20, path: '/productpage', headers: { 'end-user': 'jason' } },
        { weight: 5, path: '/static/tailwind/tailwind.css' },
        { weight: 5, path: '/api/v1/products' },
      ],
    },
  ],
  behaviours: {
    productpage: {
      latency: { medianMs: 8, p95Ms: 25 },
      responseBytes: 5200,
      calls: [
        // Static files and the products API are answered by productpage alone.
        { host: 'details', port: 9080, path: '/details/0', forwardHeaders: true, forPaths: ['/productpage'] },
        { host: 'reviews', port: 9080, path: '/reviews/0', forwardHeaders: true, forPaths: ['/productpage'] },
      ],
    },
    details: { latency: { medianMs: 2, p95Ms: 6 }, responseBytes: 180 },
    reviews: { latency: { medianMs: 6, p95Ms: 18 }, responseBytes: 450 },
    'reviews@v2': { calls: [{ host: 'ratings', port: 9080, path: '/ratings/0', forwardHeaders: true }] },
    'reviews@v3': { calls: [{ host: 'ratings', port: 9080, path: '/ratings/0', forwardHeaders: true }] },
    ratings: { latency: { medianMs: 2, p95Ms: 5 }, responseBytes: 48 },
  },
};
