// `edgecv images optimize`: the optimiser as edgecv stores images (WebP within 1024x1024), on bytes
// the caller holds, with no storage involved. Failures are the optimiser's typed errors.
import type { ImageOptimizer, OptimizedImage } from '../ports/ImageOptimizer';

export class OptimizeImage {
  constructor(private readonly optimizer: ImageOptimizer) {}

  execute(bytes: Uint8Array, context: { readonly correlationId?: string } = {}): Promise<OptimizedImage> {
    return this.optimizer.optimize(bytes, context);
  }
}
