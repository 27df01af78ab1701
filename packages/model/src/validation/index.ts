export * from './finding';
export { FINDING_CODES, type FindingCode } from './codes';
export { RETRY_ON_CONDITIONS } from './field-rules';
export * from './parse';
export * from './virtual-service';
export * from './destination-rule';
export * from './gateway';
export * from './gateway-api-route';
export * from './validate-object';
