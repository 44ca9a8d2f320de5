export * from './GenerationErrors';
export * from './GenerationSettings';
export * from './Semaphore';
export * from './requestHash';
export * from './GeneratedImageCache';
export * from './GenerateImage';
