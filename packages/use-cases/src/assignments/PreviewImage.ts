// previewImage (the teacher's create page): the picture a prompt gives, optimised as it would be
// stored, with its size and compression, before the assignment exists. The generation goes
// through the cache, so creating the assignment with the same prompt and seed reuses it.
import type { GenerationRequest } from '@edgecv/domain';
import type { GenerationMetadata, StoredImageMetadata } from '../ports/AssignmentRepository';
import type { ImageOptimizer } from '../ports/ImageOptimizer';
import type { Logger } from '../ports/Logger';
import { describeError } from '../images/ImageOperationLog';
import { toStoredMetadata } from '../images/StoreAssignmentImage';
import type { GenerateImage, GenerateImageInput } from '../generation/GenerateImage';

export interface ImagePreview {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly imageMetadata: StoredImageMetadata;
  readonly generation: GenerationMetadata;
  readonly request: GenerationRequest;
  readonly warnings: readonly string[];
  readonly correlationId: string;
}

export class PreviewImage {
  constructor(
    private readonly generate: Pick<GenerateImage, 'execute'>,
    private readonly optimizer: ImageOptimizer,
    private readonly logger: Logger,
  ) {}

  async execute(input: GenerateImageInput, context: { readonly correlationId?: string } = {}): Promise<ImagePreview> {
    const picture = await this.generate.execute(input, context);
    const generation = { model: picture.model, seed: picture.request.seed, requestHash: picture.requestHash, cached: picture.cached };
    const base = { generation, request: picture.request, correlationId: picture.correlationId };
    try {
      const optimized = await this.optimizer.optimize(picture.bytes, { correlationId: picture.correlationId });
      return { ...base, bytes: optimized.bytes, contentType: optimized.contentType, imageMetadata: { ...toStoredMetadata(optimized.metadata), generation }, warnings: [] };
    } catch (error) {
      // As storing does (spec 003 property 19): the original is shown, and said to be.
      this.logger.warn('image preview: optimisation failed, showing the original', { correlationId: picture.correlationId, ...describeError(error) });
      const size = picture.bytes.byteLength;
      return {
        ...base,
        bytes: picture.bytes,
        contentType: picture.contentType,
        imageMetadata: { originalSizeBytes: size, optimizedSizeBytes: size, compressionRatio: 1, format: 'png', dimensions: `${picture.request.width}x${picture.request.height}`, generation },
        warnings: ['The picture could not be optimised; the original is shown.'],
      };
    }
  }
}
