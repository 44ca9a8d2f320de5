import { InvalidConfigError } from '../errors/InvalidConfigError';
import type { ImageFormat } from './ImagePolicy';

/** What an optimisation did, stored with the assignment (spec 003 `image_metadata`). */
export interface ImageMetadata {
  /** Bytes before optimisation. */
  readonly originalSize: number;
  /** Bytes stored. */
  readonly optimizedSize: number;
  /** optimizedSize / originalSize (spec 003 `compression_ratio`: 0.5 means half the size). */
  readonly ratio: number;
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
  readonly originalFormat: string;
}

/** Builds validated ImageMetadata (`of`), computing the ratio. */
export const ImageMetadata = /* @__PURE__ */ Object.freeze({
  /** Builds the metadata, computing `ratio`; sizes must be non-negative integers. */
  of(input: Omit<ImageMetadata, 'ratio'>): ImageMetadata {
    for (const field of ['originalSize', 'optimizedSize', 'width', 'height'] as const) {
      const v = input[field];
      if (!Number.isSafeInteger(v) || v < 0) {
        throw new InvalidConfigError(`imageMetadata.${field}`, v, 'must be a non-negative integer');
      }
    }
    const ratio = input.originalSize === 0 ? 1 : input.optimizedSize / input.originalSize;
    return Object.freeze({ ...input, ratio });
  },

  /** The size reduction achieved, 0..1 (negative when the "optimised" file grew). */
  reduction(metadata: Pick<ImageMetadata, 'ratio'>): number {
    return 1 - metadata.ratio;
  },
});
