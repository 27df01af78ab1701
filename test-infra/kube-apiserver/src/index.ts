export * from './cluster';
export * from './recording-proxy';
export * from './scenarios';
export * from './seed';
export type { Identity, TokenUser } from './tokens';
