// Why an image could not be optimised. The optimiser throws these; storeAssignmentImage catches
// them and falls back to the original bytes, so they are expected, not exceptional.
import { CorrelatedError } from './CorrelatedError';

const USER_MESSAGE = 'The image could not be optimised; the original was kept.';

export class ImageOptimizationError extends CorrelatedError {
  readonly code: string = 'IMAGE_OPTIMIZATION_FAILED';
  constructor(message: string, options: { correlationId?: string; cause?: unknown } = {}) {
    super(message, USER_MESSAGE, options);
    this.name = 'ImageOptimizationError';
  }
}

export type CorruptReason = 'empty' | 'truncated' | 'undecodable';

/** The bytes claim to be an image of a known format but cannot be decoded. */
export class CorruptImageError extends ImageOptimizationError {
  override readonly code = 'IMAGE_CORRUPT';
  constructor(
    readonly reason: CorruptReason,
    readonly inputBytes: number,
    options: { correlationId?: string; cause?: unknown } = {},
  ) {
    super(`corrupt image (${reason}, ${inputBytes} bytes)`, options);
    this.name = 'CorruptImageError';
  }
}

/** Over the pixel or byte limit: refused from the header, before anything is decoded. */
export class ImageTooLargeError extends ImageOptimizationError {
  override readonly code = 'IMAGE_TOO_LARGE';
  constructor(
    readonly actual: { readonly width?: number; readonly height?: number; readonly pixels?: number; readonly bytes: number },
    readonly limit: { readonly pixels: number; readonly bytes: number },
    options: { correlationId?: string; cause?: unknown } = {},
  ) {
    super(
      actual.pixels !== undefined && actual.pixels > limit.pixels
        ? `image of ${actual.width}x${actual.height} (${actual.pixels} pixels) exceeds the limit of ${limit.pixels} pixels`
        : `image of ${actual.bytes} bytes exceeds the limit of ${limit.bytes} bytes`,
      options,
    );
    this.name = 'ImageTooLargeError';
  }
}

/** A format the optimiser does not accept (not an image, or a vector/document format). */
export class UnsupportedImageError extends ImageOptimizationError {
  override readonly code = 'IMAGE_UNSUPPORTED';
  constructor(
    readonly format: string | undefined,
    readonly accepted: readonly string[],
    options: { correlationId?: string; cause?: unknown } = {},
  ) {
    super(`unsupported image format ${format ?? '(unrecognised)'}; accepted: ${accepted.join(', ')}`, options);
    this.name = 'UnsupportedImageError';
  }
}
