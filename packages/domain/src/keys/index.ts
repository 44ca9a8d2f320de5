export { S3Key } from './S3Key';
export { S3Uri } from './S3Uri';
export { Segment, MAX_SEGMENT_BYTES } from './Segment';
export { KeyPrefix } from './KeyPrefix';
export { BucketName } from './BucketName';
export { MAX_KEY_BYTES, keyProblem, type KeyCheckOptions } from './keyRules';
export { utf8ByteLength } from './utf8';
