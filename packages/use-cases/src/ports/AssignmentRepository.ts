// The assignment documents of spec 003 as far as images are concerned. Other fields of the
// document (question_answers, ...) belong to the portal and are left untouched.
/** The DI token of the AssignmentRepository. */
export const AssignmentRepositoryToken = Symbol.for('edgecv.AssignmentRepository');

/** spec 003's `s3_upload_status` of an assignment's image. */
export type S3UploadStatus = 'success' | 'failed' | 'pending' | 'no_image';

/** image_metadata as spec 003 stores it. */
export interface StoredImageMetadata {
  readonly originalSizeBytes: number;
  readonly optimizedSizeBytes: number;
  /** optimized / original: 0.5 means half the size; 1 means nothing was gained. */
  readonly compressionRatio: number;
  readonly format: string;
  /** "WIDTHxHEIGHT" */
  readonly dimensions: string;
  /** How the picture was generated, when it was (the prompt cache records hits here). */
  readonly generation?: GenerationMetadata;
}

/**
 * How an assignment's picture was generated: the model, the seed, the request's hash and whether
 * the prompt cache answered.
 */
export interface GenerationMetadata {
  readonly model: string;
  readonly seed: number;
  /** SHA-256 of the request (model, prompt, negative prompt, seed, size, settings). */
  readonly requestHash: string;
  /** true: reused from the cache, the model was not called for this assignment. */
  readonly cached: boolean;
}

/**
 * The image fields of an assignment document (spec 003): its key, CloudFront URL, metadata and
 * upload status.
 */
export interface AssignmentImageRecord {
  readonly assignmentId: string;
  readonly teacherId?: string;
  readonly prompt?: string;
  readonly s3ImageKey?: string;
  readonly cloudfrontUrl?: string;
  readonly imageMetadata?: StoredImageMetadata;
  readonly s3UploadStatus?: S3UploadStatus;
  readonly s3UploadAttempts?: number;
  /** The legacy field: a PNG's key (or bare file name) from before s3_image_key existed. */
  readonly legacyImageName?: string;
  /** Seconds since the epoch, as the portal writes it. */
  readonly createdAt?: number;
}

/** The image fields an upload writes into an assignment document. */
export interface AssignmentImageUpdate {
  readonly teacherId?: string;
  readonly prompt?: string;
  readonly s3ImageKey?: string;
  readonly cloudfrontUrl?: string;
  readonly imageMetadata?: StoredImageMetadata;
  readonly s3UploadStatus: S3UploadStatus;
  readonly s3UploadAttempts?: number;
  /** Written only when the document is created. */
  readonly createdAt?: number;
  /** Drop the legacy s3_image_name (after a backfill removed the PNG it named). */
  readonly clearLegacyImageName?: boolean;
}

/**
 * The assignment documents of spec 003 as far as images are concerned (MongoDB in
 * `@edgecv/infrastructure/mongo`); the portal's other fields are left untouched.
 */
export interface AssignmentRepository {
  find(assignmentId: string): Promise<AssignmentImageRecord | undefined>;
  /** Creates the document when missing (one per assignment id: the id is uniquely indexed). */
  upsertImage(assignmentId: string, update: AssignmentImageUpdate): Promise<void>;
  /** Removes s3_image_key, cloudfront_url and image_metadata; status becomes no_image. */
  clearImage(assignmentId: string): Promise<void>;
  /**
   * Documents that still name a legacy image (s3_image_name), by assignment id, whether or not
   * they already have an s3_image_key: a backfill clears the legacy name only once the PNG is gone.
   */
  legacyImages(): AsyncIterable<AssignmentImageRecord>;
}
