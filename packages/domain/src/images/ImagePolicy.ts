import { InvalidConfigError } from '../errors/InvalidConfigError';

/** The formats an optimised image may be written in. */
export type ImageFormat = 'webp' | 'png' | 'jpeg';
/** Every ImageFormat. */
export const IMAGE_FORMATS: readonly ImageFormat[] = /* @__PURE__ */ Object.freeze(['webp', 'png', 'jpeg']);

/** How generated images are optimised before upload (spec 003). */
export interface ImagePolicy {
  /** Longest side after resizing; images are fitted inside maxDimension² and never enlarged. */
  readonly maxDimension: number;
  /** Encoder quality, 1..100. */
  readonly quality: number;
  readonly format: ImageFormat;
  /** Smallest size reduction (0..1) worth keeping; spec 003 targets 30%. */
  readonly minReduction: number;
}

function create(partial: Partial<ImagePolicy> = {}): ImagePolicy {
  const policy = { ...DEFAULT_IMAGE_POLICY, ...partial };
  const { maxDimension, quality, format, minReduction } = policy;
  if (!Number.isSafeInteger(maxDimension) || maxDimension < 1 || maxDimension > 16383) {
    // 16383 is WebP's own limit on a side.
    throw new InvalidConfigError('imagePolicy.maxDimension', maxDimension, 'must be an integer from 1 to 16383');
  }
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
    throw new InvalidConfigError('imagePolicy.quality', quality, 'must be an integer from 1 to 100');
  }
  if (!IMAGE_FORMATS.includes(format)) {
    throw new InvalidConfigError('imagePolicy.format', format, `must be one of ${IMAGE_FORMATS.join(', ')}`);
  }
  if (typeof minReduction !== 'number' || !(minReduction >= 0 && minReduction < 1)) {
    throw new InvalidConfigError('imagePolicy.minReduction', minReduction, 'must be a number from 0 (inclusive) to 1 (exclusive)');
  }
  return Object.freeze({ maxDimension, quality, format, minReduction });
}

/**
 * The size an image of `width`×`height` is resized to: fitted inside maxDimension², aspect ratio
 * kept (rounded, at least 1 px), never enlarged.
 */
function targetSize(policy: ImagePolicy, width: number, height: number): { width: number; height: number } {
  if (!(width > 0 && height > 0) || !Number.isFinite(width) || !Number.isFinite(height)) {
    throw new InvalidConfigError('image.size', { width, height }, 'width and height must be positive numbers');
  }
  const scale = Math.min(1, policy.maxDimension / Math.max(width, height));
  if (scale === 1) return { width, height };
  return {
    width: Math.max(1, Math.min(policy.maxDimension, Math.round(width * scale))),
    height: Math.max(1, Math.min(policy.maxDimension, Math.round(height * scale))),
  };
}

/**
 * Spec 003's policy: WebP at quality 85, fitted inside 1024x1024, kept when at least 30% smaller.
 */
export const DEFAULT_IMAGE_POLICY: ImagePolicy = /* @__PURE__ */ Object.freeze({
  maxDimension: 1024,
  quality: 85,
  format: 'webp',
  minReduction: 0.3,
});

/**
 * Builds validated image policies (`create`, InvalidConfigError on a bad value) and computes resize
 * targets (`targetSize`).
 */
export const ImagePolicy = /* @__PURE__ */ Object.freeze({ create, targetSize });
