export { observedMix, type ObservedMix, type ObservedCall, type ObservedWorkload, type Peer } from './observed-mix';
export {
  predictTraffic,
  type PredictOptions,
  type PredictedCall,
  type TrafficConfigs,
  type TrafficPrediction,
} from './predict';
export type { UnknownShare } from './infer-shares';
export { unmodelledEffects, type ChangeOps } from './unmodelled';
