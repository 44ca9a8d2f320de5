import type { S3Key } from '../keys/S3Key';
import { S3PathBuilder } from '../layout/S3PathBuilder';
import { DEFAULT_PATH_CONFIG, type S3PathConfig } from '../layout/S3PathConfig';

/**
 * `[P/]generated_images/{assignmentId}.{webp|png}` (spec 003); the id is validated as a Segment.
 * `png` exists for the originals kept when optimisation fails and for legacy objects.
 */
export function assignmentImageKey(
  assignmentId: string,
  ext: 'webp' | 'png' = 'webp',
  config: S3PathConfig = DEFAULT_PATH_CONFIG,
): S3Key {
  return new S3PathBuilder(config).assignmentImageKey(assignmentId, ext);
}
