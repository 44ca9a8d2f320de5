// @edgecv/container: configuration in, a typed object of use cases out.
export * from './EdgecvConfig';
export * from './stackEnvironment';
export * from './Edgecv';
export { MongoNotConfiguredError, type Wiring } from './modules/coreModule';
