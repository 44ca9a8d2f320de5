// A student's answers to an assignment: one submission per (assignment, student); a new one
// replaces the last.
import type { StudentAnswer } from '@edgecv/domain';

export const SubmissionRepositoryToken = Symbol.for('edgecv.SubmissionRepository');

export interface Submission {
  readonly assignmentId: string;
  readonly studentId: string;
  readonly answers: readonly StudentAnswer[];
  /** Seconds since the epoch, like created_at. */
  readonly submittedAt: number;
}

export interface SubmissionRepository {
  /** Stores the submission; `replaced` when the student had submitted before. */
  save(submission: Submission): Promise<{ readonly replaced: boolean }>;
  find(assignmentId: string, studentId: string): Promise<Submission | undefined>;
  /** Removes every submission of an assignment (when it is deleted). */
  deleteForAssignment(assignmentId: string): Promise<number>;
}
