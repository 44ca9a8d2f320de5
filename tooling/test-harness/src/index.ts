export { startTestStack, stopTestStack } from './globalStack';
export * from './aws';
export * from './faultProxy';
export * from './arbitraries';
export * from './syntheticListing';
export * from './undocumentedExports';
