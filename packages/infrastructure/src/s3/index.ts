export * from './S3ObjectStore';
export * from './S3ObjectStoreConfig';
export * from './HashingCounter';
export * from './ensureBucket';
