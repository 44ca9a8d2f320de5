// Turns an uploaded image into what is stored: fitted, upright, re-encoded per the image policy.
// Failures are the typed errors of images/ImageOptimizationErrors (corrupt, too large, unsupported).
import type { ImageMetadata } from '@edgecv/domain';

/** The DI token of the ImageOptimizer. */
export const ImageOptimizerToken = Symbol.for('edgecv.ImageOptimizer');

/** What is stored for an uploaded image, and how it was produced. */
export interface OptimizedImage {
  readonly bytes: Uint8Array;
  /** MIME type of `bytes`: image/webp, or the original's type when the original was kept. */
  readonly contentType: string;
  readonly metadata: ImageMetadata;
  /**
   * false when the original bytes were kept because re-encoding would not have made them
   * smaller (the original already fitted the policy); `metadata.ratio` is then 1.
   */
  readonly optimized: boolean;
  /** How the stored bytes were produced. */
  readonly encoding: 'lossy' | 'lossless' | 'original';
  /** Frames in the input; only the first one is kept (an assignment illustration is a still). */
  readonly inputFrames: number;
}

/**
 * Turns an uploaded image into what is stored: upright, fitted and re-encoded per the image policy
 * (sharp in `@edgecv/infrastructure/image`); failures are the typed errors of
 * images/ImageOptimizationErrors.
 */
export interface ImageOptimizer {
  optimize(input: Uint8Array, options?: { readonly correlationId?: string }): Promise<OptimizedImage>;
}
