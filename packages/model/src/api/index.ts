export * from './errors';
export * from './schemas';
export * from './openapi';
export * from './session';
export * from './demo';
export * from './routes';
export * from './graph-preview';
