export * from './edit-schema';
