// Guided canary rollouts: plan, gates, the state machine, the stored state and the API bodies.
export * from './plan';
export * from './gate-result';
export * from './gate-window';
export * from './evaluate-gates';
export * from './state';
export * from './actions';
export * from './state-machine';
export * from './rollout-edits';
export * from './annotation';
export * from './drift';
export * from './api';
