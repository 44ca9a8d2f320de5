export * from './YazlResultsPackager';
export * from './walkResultsDir';
export * from './YauzlResultsArchiveVerifier';
