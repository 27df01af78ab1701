// Public surface of @sluice/api, for the e2e suite and tools that start the server in-process.
export { createApp, type AppDeps, type SluiceApp } from './app';
export { parseConfig, ConfigError, type Config, type ClusterConfig } from './config/config';
export { buildDeps } from './server-deps';
export type { MeshStore, ConfigListener } from './cluster/mesh-store';
export { createMemoryStore } from './cluster/memory-store';
export { createDemoStore, demoSnapshot } from './cluster/demo-store';
export { createKubeStore } from './cluster/kube-store';
export { AppError } from './errors/app-error';
