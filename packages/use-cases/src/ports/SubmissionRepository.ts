// A student's answers to an assignment: one submission per (assignment, student); a new one
// replaces the last.
import type { StudentAnswer } from '@edgecv/domain';

/** The DI token of the SubmissionRepository. */
export const SubmissionRepositoryToken = Symbol.for('edgecv.SubmissionRepository');

/** A student's answers to an assignment. */
export interface Submission {
  readonly assignmentId: string;
  readonly studentId: string;
  readonly answers: readonly StudentAnswer[];
  /** Seconds since the epoch, like created_at. */
  readonly submittedAt: number;
}

/**
 * Students' answers (MongoDB in `@edgecv/infrastructure/mongo`): one submission per assignment and
 * student, a new one replacing the last.
 */
export interface SubmissionRepository {
  /** Stores the submission; `replaced` when the student had submitted before. */
  save(submission: Submission): Promise<{ readonly replaced: boolean }>;
  find(assignmentId: string, studentId: string): Promise<Submission | undefined>;
  /** Removes every submission of an assignment (when it is deleted). */
  deleteForAssignment(assignmentId: string): Promise<number>;
}
