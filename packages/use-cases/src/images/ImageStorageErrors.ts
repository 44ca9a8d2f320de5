// S3 failures of the image use cases, in the words spec 003 shows users; the detail (the
// underlying error, bucket, key, attempts) goes to the logs under the same correlation id.
import { CorrelatedError } from './CorrelatedError';

interface Context {
  readonly assignmentId: string;
  readonly key?: string;
  readonly attempts?: number;
  readonly correlationId?: string;
  readonly cause?: unknown;
}

export class S3UploadError extends CorrelatedError {
  readonly code = 'S3_UPLOAD_FAILED';
  readonly assignmentId: string;
  readonly key: string | undefined;
  readonly attempts: number;
  constructor(context: Context, userMessage = 'Upload failed. Please try again later.') {
    super(`upload of the image of assignment ${context.assignmentId} failed after ${context.attempts ?? 1} attempt(s)`, userMessage, context);
    this.name = 'S3UploadError';
    this.assignmentId = context.assignmentId;
    this.key = context.key;
    this.attempts = context.attempts ?? 1;
  }
}

export class S3DownloadError extends CorrelatedError {
  readonly code = 'S3_DOWNLOAD_FAILED';
  readonly assignmentId: string;
  readonly key: string | undefined;
  constructor(context: Context) {
    super(`download of the image of assignment ${context.assignmentId} failed`, 'The image is not available right now.', context);
    this.name = 'S3DownloadError';
    this.assignmentId = context.assignmentId;
    this.key = context.key;
  }
}

/** Credentials or a bucket policy refuse the operation: an operator has to act, a retry will not help. */
export class S3PermissionError extends CorrelatedError {
  readonly code = 'S3_PERMISSION_DENIED';
  readonly assignmentId: string;
  readonly key: string | undefined;
  readonly operation: string;
  constructor(operation: string, context: Context) {
    super(`${operation} of the image of assignment ${context.assignmentId} was denied`, 'Upload failed: storage is not configured correctly. An administrator has been alerted.', context);
    this.name = 'S3PermissionError';
    this.assignmentId = context.assignmentId;
    this.key = context.key;
    this.operation = operation;
  }
}
