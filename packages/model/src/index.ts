// Public surface of @sluice/model. Each folder owns its own index; this file only re-exports them.
export * from './resources/istio';
export * from './resources/kube';
export * from './resources/route-ref';
export * from './resources/managed-by';
export * from './resources/traffic-policy';
export * from './edits';
export * from './validation';
export * from './routing';
export * from './graph/schema';
export * from './api';
export * from './resources/duration';
export * from './resources/snapshot';
export * from './traffic/samples';
export * from './traffic/coverage';
export * from './fixtures';
export * from './rollout';
export * from './diff/line-diff';
