export type ServiceName = 's3' | 'dynamodb' | 'mongodb';

export const SERVICE_NAMES: readonly ServiceName[] = ['s3', 'dynamodb', 'mongodb'];

/** Where each service answers, and the credentials to use; `external` marks those taken from the environment. */
export interface StackEndpoints {
  s3: string;
  dynamodb: string;
  mongodb: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  dataDir: string;
  external: Record<ServiceName, boolean>;
}

export interface LocalStackOptions {
  dataDir: string;
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /**
   * Keep MongoDB data in <dataDir>/mongodb (H2 file) rather than in memory. Defaults to false for
   * the foreground stack (tests) and true for the detached one. moto keeps S3 and DynamoDB in memory either way.
   */
  persistent?: boolean;
}

export const LOCAL_CREDENTIALS = Object.freeze({
  region: 'us-east-1',
  accessKeyId: 'edgecv',
  secretAccessKey: 'edgecv-local',
});
