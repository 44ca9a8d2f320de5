export * from './PackagingErrors';
