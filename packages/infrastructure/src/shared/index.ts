export * from './RetryPolicy';
export * from './SystemClock';
export * from './credentialsFromEnv';
export * from './awsErrors';
export * from './callerIdentity';
export * from './commandPermissions';
// Imported, not only re-exported: the published build also loads this class lazily from the
// optional-peer guards (tooling/build/optionalPeers.ts), and a bundler initialises such a module
// for the importers it sees, not for a bare `export *`.
import { MissingPeerDependencyError } from './MissingPeerDependencyError';
export { MissingPeerDependencyError };
