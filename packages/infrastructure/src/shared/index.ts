export * from './RetryPolicy';
export * from './SystemClock';
export * from './credentialsFromEnv';
export * from './MissingPeerDependencyError';
