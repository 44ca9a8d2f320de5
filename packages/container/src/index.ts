// @edgecv/container: configuration in, a typed object of use cases out.
export * from './EdgecvConfig';
export * from './stackEnvironment';
export { hookAwsClients, sdkClientsOf, type AwsClientHook, type AwsSdkClient } from './awsClientHook';
export * from './Edgecv';
export { MongoNotConfiguredError } from './modules/coreModule';
export type { Wiring } from './createContainer';
export { composeEdgecv, EdgecvComposition } from './composeEdgecv';
export type { AnyCapability, Capability, EdgecvView, ModuleFactory } from './Capability';
// The capabilities, one per group of Edgecv, for apps that compose only what they use.
export { JOBS, RESULTS } from './modules/resultsModule';
export { EDGE, EDGE_DEPLOYMENTS, EDGE_TRAINING } from './modules/edgeModule';
export { IMAGES } from './modules/imagesModule';
export { ASSIGNMENTS } from './modules/assignmentsModule';
export { MIGRATION } from './modules/migrationModule';
export { DEMO } from './modules/demoModule';
export * from './awsSettings';
export * from './targetErrors';
