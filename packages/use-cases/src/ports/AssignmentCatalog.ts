// The assignment documents of spec 003 as the portal sees them: created with their questions,
// listed newest first, read, and deleted. Image fields are written through AssignmentRepository.
import type { AssignmentCursor } from '@edgecv/domain';
import type { AssignmentImageRecord, S3UploadStatus } from './AssignmentRepository';

/** The DI token of the AssignmentCatalog. */
export const AssignmentCatalogToken = Symbol.for('edgecv.AssignmentCatalog');

/** Why an assignment has no picture, in words a teacher understands (with the code for support). */
export interface ImageFailure {
  readonly code: string;
  readonly message: string;
  readonly correlationId: string;
}

/** What AssignmentCatalog.insert stores: the id, the teacher, the prompt, the questions, when. */
export interface NewAssignment {
  readonly assignmentId: string;
  readonly teacherId: string;
  readonly prompt?: string;
  readonly questions: readonly string[];
  /** Seconds since the epoch (spec 003 `created_at`). */
  readonly createdAt: number;
  readonly s3UploadStatus: S3UploadStatus;
}

/** An assignment document as the portal sees it: its fields and its image fields. */
export interface AssignmentRecord extends AssignmentImageRecord {
  readonly questions: readonly string[];
  readonly imageFailure?: ImageFailure;
}

/** One page of a newest-first listing of assignments. */
export interface AssignmentListQuery {
  readonly teacherId?: string;
  /** Only assignments after this position (newest first). */
  readonly after?: AssignmentCursor;
  readonly limit: number;
}

/**
 * The assignment documents of spec 003 as the portal sees them (MongoDB in
 * `@edgecv/infrastructure/mongo`): created with their questions, listed newest first, read and
 * deleted; image fields go through AssignmentRepository.
 */
export interface AssignmentCatalog {
  /** AssignmentAlreadyExistsError when the id is taken. */
  insert(assignment: NewAssignment): Promise<void>;
  get(assignmentId: string): Promise<AssignmentRecord | undefined>;
  /** Newest first (created_at, then assignment_id, both descending); at most `limit` records. */
  list(query: AssignmentListQuery): Promise<readonly AssignmentRecord[]>;
  /** s3_upload_status becomes failed, with the reason a teacher reads (and the upload attempts, when given). */
  recordImageFailure(assignmentId: string, failure: ImageFailure, attempts?: number): Promise<void>;
  /** true when a document was deleted. */
  delete(assignmentId: string): Promise<boolean>;
}
