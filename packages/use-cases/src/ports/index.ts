export * from './Clock';
export * from './JobRepository';
export * from './Logger';
export * from './ObjectStore';
export * from './ObjectStoreErrors';
export * from './ResultsPackager';
export * from './RunRepository';
