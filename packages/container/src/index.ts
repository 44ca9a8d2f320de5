// @edgecv/container: configuration in, ready use cases out.
export * from './EdgecvConfig';
export * from './stackEnvironment';
export * from './tokens';
export * from './Token';
export * from './modules/coreModule';
export * from './modules/resultsModule';
export * from './modules/edgeModule';
export * from './createContainer';
export * from './awsClientHook';
export * from './Edgecv';
export * from './modules/migrationModule';
export * from './Migration';
export * from './modules/demoModule';
export * from './modules/imagesModule';
export * from './modules/assignmentsModule';
