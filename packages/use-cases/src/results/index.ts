export * from './PackagingErrors';
export * from './ArchiveErrors';
export * from './ResultsSettings';
export * from './UploadResults';
export * from './GetUploadLocation';
export * from './GetJobArtifactUrls';
export * from './ArchiveJob';
