import type { Edit, EditsRequest } from '@sluice/model';

/* The edit most API tests make: bookinfo `reviews`, route http[0], weights to subsets v1 and v3. */

export function reviewsWeights(v1: number, v3: number): Edit {
  return {
    op: 'setWeights',
    route: { kind: 'http', index: 0 },
    weights: [
      { destination: { host: 'reviews', subset: 'v1' }, weight: v1 },
      { destination: { host: 'reviews', subset: 'v3' }, weight: v3 },
    ],
  };
}

export function reviewsWeightsRequest(resourceVersion: string, v1: number, v3: number): EditsRequest {
  return { resourceVersion, edits: [reviewsWeights(v1, v3)] };
}
