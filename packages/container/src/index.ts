// @edgecv/container: configuration in, a typed object of use cases out.
export * from './EdgecvConfig';
export * from './stackEnvironment';
export { hookAwsClients, sdkClientsOf, type AwsClientHook, type AwsSdkClient } from './awsClientHook';
export * from './Edgecv';
export { MongoNotConfiguredError } from './modules/coreModule';
export type { Wiring } from './createContainer';
export * from './awsSettings';
export * from './targetErrors';
