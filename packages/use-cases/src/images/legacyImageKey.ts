// Documents from before s3_image_key name their PNG in s3_image_name, either as a full key or as
// a bare file name inside generated_images/.
import type { AssignmentImageRecord } from '../ports/AssignmentRepository';

export const LEGACY_IMAGE_FOLDER = 'generated_images/';

export function legacyImageKey(legacyImageName: string): string {
  return legacyImageName.includes('/') ? legacyImageName.replace(/^\/+/, '') : `${LEGACY_IMAGE_FOLDER}${legacyImageName}`;
}

/** The key a document points at today: the new field first, the legacy one otherwise. */
export function currentImageKey(record: AssignmentImageRecord): string | undefined {
  if (record.s3ImageKey) return record.s3ImageKey;
  return record.legacyImageName ? legacyImageKey(record.legacyImageName) : undefined;
}
