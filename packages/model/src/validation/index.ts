export * from './finding';
export { FINDING_CODES, type FindingCode } from './codes';
export { RETRY_ON_CONDITIONS } from './field-rules';
export { REDIRECT_CODES } from './http-route-actions';
export * from './parse';
export * from './virtual-service';
export * from './destination-rule';
export * from './gateway';
export * from './validate-object';
