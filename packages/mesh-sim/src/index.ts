// Public surface of @sluice/mesh-sim: the demo data plane.
export { createSimulator, type Simulator, type SimulatorOptions } from './engine/simulator';
export { createStaticConfigSource, type ConfigSource, type StaticConfigSource } from './config/config-source';
export {
  createKubeConfigSource,
  type KubeConfigSource,
  type KubeConfigSourceOptions,
} from './config/kube-config-source';
export { loadScenarioManifests, SCENARIO_NAMESPACES, type KubeManifest } from './scenarios/load-manifests';
export {
  profilesFor,
  SCENARIO_PROFILES,
  bookinfoProfile,
  dataProductProfile,
  demoappProfile,
  frontTomcatProfile,
  gatewayApiProfile,
  tcpEchoProfile,
} from './scenarios/profiles';
export type * from './scenarios/profile-types';
export { syntheticMesh, type SyntheticMesh, type SyntheticMeshOptions } from './scale/synthetic-mesh';
export { DURATION_BUCKETS_MS, BYTES_BUCKETS } from './metrics/buckets';
export { histogramQuantile } from './metrics/histogram-quantile';
export type { BucketRows, StepRows } from './metrics/recorder';
export type { MetricsServer } from './metrics/serve-metrics';
