import { retryPolicyOf, type RetryPolicy, type RouteDecision } from '@sluice/model';

/* The model's retry policy (one definition, shared with the traffic preview), cached per decision. */

export type { RetryPolicy };

const cache = new WeakMap<RouteDecision, RetryPolicy>();

/** Decisions are cached per config snapshot, so their policies are too. */
export function retryPolicy(decision: RouteDecision): RetryPolicy {
  let p = cache.get(decision);
  if (!p) {
    p = retryPolicyOf(decision);
    cache.set(decision, p);
  }
  return p;
}
