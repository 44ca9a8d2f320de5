// What a page shows of an assignment: its questions and either where its picture is (a URL the
// browser loads from S3/CloudFront directly) or a placeholder with a reason in plain words.
import type { AssignmentRecord, ImageFailure } from '../ports/AssignmentCatalog';
import type { S3UploadStatus, StoredImageMetadata } from '../ports/AssignmentRepository';
import { PLACEHOLDER_MESSAGE } from '../images/GetAssignmentImage';

export type ImageView =
  | {
      readonly status: 'available';
      readonly key: string;
      readonly url: string;
      readonly source: 'cloudfront' | 'presigned';
      readonly expiresAt?: Date;
      readonly metadata?: StoredImageMetadata;
    }
  | {
      readonly status: 'unavailable';
      readonly placeholder: true;
      readonly reason: 'no-image' | 'pending' | 'failed' | 'missing-object' | 'unavailable';
      readonly message: string;
      readonly failure?: ImageFailure;
    };

export interface AssignmentView {
  readonly assignmentId: string;
  readonly teacherId?: string;
  readonly prompt?: string;
  readonly questions: readonly string[];
  /** Seconds since the epoch (spec 003 `created_at`). */
  readonly createdAt?: number;
  readonly s3UploadStatus?: S3UploadStatus;
  readonly s3UploadAttempts?: number;
  readonly image: ImageView;
}

/** A list entry: what the list page shows, no image bytes and no URL to sign. */
export interface AssignmentSummary {
  readonly assignmentId: string;
  readonly teacherId?: string;
  readonly prompt?: string;
  readonly questionCount: number;
  readonly createdAt?: number;
  readonly s3UploadStatus?: S3UploadStatus;
  readonly s3ImageKey?: string;
  readonly cloudfrontUrl?: string;
  readonly imageMetadata?: StoredImageMetadata;
}

export const IMAGE_MESSAGES = Object.freeze({
  'no-image': 'This assignment has no picture.',
  pending: 'The picture is still being prepared. Please look again in a moment.',
  failed: 'The picture could not be made or saved.',
  'missing-object': PLACEHOLDER_MESSAGE,
  unavailable: 'The image is not available right now.',
});

export function placeholder(reason: Extract<ImageView, { status: 'unavailable' }>['reason'], failure?: ImageFailure): ImageView {
  return { status: 'unavailable', placeholder: true, reason, message: failure?.message ?? IMAGE_MESSAGES[reason], ...(failure ? { failure } : {}) };
}

export function viewOf(record: AssignmentRecord, image: ImageView): AssignmentView {
  return {
    assignmentId: record.assignmentId,
    ...(record.teacherId !== undefined ? { teacherId: record.teacherId } : {}),
    ...(record.prompt !== undefined ? { prompt: record.prompt } : {}),
    questions: record.questions,
    ...(record.createdAt !== undefined ? { createdAt: record.createdAt } : {}),
    ...(record.s3UploadStatus !== undefined ? { s3UploadStatus: record.s3UploadStatus } : {}),
    ...(record.s3UploadAttempts !== undefined ? { s3UploadAttempts: record.s3UploadAttempts } : {}),
    image,
  };
}

export function summaryOf(record: AssignmentRecord): AssignmentSummary {
  return {
    assignmentId: record.assignmentId,
    ...(record.teacherId !== undefined ? { teacherId: record.teacherId } : {}),
    ...(record.prompt !== undefined ? { prompt: record.prompt } : {}),
    questionCount: record.questions.length,
    ...(record.createdAt !== undefined ? { createdAt: record.createdAt } : {}),
    ...(record.s3UploadStatus !== undefined ? { s3UploadStatus: record.s3UploadStatus } : {}),
    ...(record.s3ImageKey !== undefined ? { s3ImageKey: record.s3ImageKey } : {}),
    ...(record.cloudfrontUrl !== undefined ? { cloudfrontUrl: record.cloudfrontUrl } : {}),
    ...(record.imageMetadata !== undefined ? { imageMetadata: record.imageMetadata } : {}),
  };
}
