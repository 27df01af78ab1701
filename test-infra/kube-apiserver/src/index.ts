export * from './cluster';
export * from './seed';
export type { Identity, TokenUser } from './tokens';
