import { InvalidSegmentError } from '../errors/InvalidSegmentError';
import { S3Key } from '../keys/S3Key';
import { DEFAULT_PATH_CONFIG, type S3PathConfig } from '../layout/S3PathConfig';

/** The folder under the images folder where generated pictures are kept by request hash. */
export const GENERATION_CACHE_FOLDER = 'cache';
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True for the file name of a cached generation: `{sha256 hex}.png`. */
export function isGenerationCacheFile(name: string): boolean {
  return name.endsWith('.png') && SHA256_HEX.test(name.slice(0, -'.png'.length));
}

/**
 * `[P/]generated_images/cache/{sha256}.png`: the model's output for one request hash (spec 003's
 * "cache generated images by prompt hash"), reused instead of generating again.
 */
export function generationCacheKey(requestHash: string, config: S3PathConfig = DEFAULT_PATH_CONFIG): S3Key {
  if (!SHA256_HEX.test(requestHash)) throw new InvalidSegmentError('requestHash', requestHash, 'must be 64 lower-case hex digits (SHA-256)');
  return S3Key.parse(config.withPrefix(`${config.imagesFolder}/${GENERATION_CACHE_FOLDER}/${requestHash}.png`));
}
