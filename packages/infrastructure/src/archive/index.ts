export * from './YazlResultsPackager';
export * from './walkResultsDir';
