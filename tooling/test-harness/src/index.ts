export { startTestStack, stopTestStack } from './globalStack';
export * from './aws';
export * from './faultProxy';
export * from './s3Operation';
export * from './arbitraries';
export * from './browser';
export * from './syntheticListing';
export * from './undocumentedExports';
export * from './boto3';
