export { ImagePolicy, DEFAULT_IMAGE_POLICY, IMAGE_FORMATS, type ImageFormat } from './ImagePolicy';
export { ImageMetadata } from './ImageMetadata';
export { assignmentImageKey } from './assignmentImageKey';
export { generationCacheKey, isGenerationCacheFile, GENERATION_CACHE_FOLDER } from './generationCacheKey';
export { AssignmentId } from './AssignmentId';
