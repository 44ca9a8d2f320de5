// completeAssignment: a student's answers, one per question, stored against the assignment.
import { AssignmentId, AssignmentQuestions, type StudentAnswer } from '@edgecv/domain';
import type { AssignmentCatalog } from '../ports/AssignmentCatalog';
import type { Clock } from '../ports/Clock';
import type { SubmissionRepository } from '../ports/SubmissionRepository';
import { AssignmentNotFoundError } from './AssignmentErrors';

export interface CompletedAssignment {
  readonly assignmentId: string;
  readonly studentId: string;
  readonly answers: readonly StudentAnswer[];
  readonly submittedAt: number;
  /** true when this student had submitted before: the new answers replace the old ones. */
  readonly replaced: boolean;
}

export class CompleteAssignment {
  constructor(
    private readonly catalog: AssignmentCatalog,
    private readonly submissions: SubmissionRepository,
    private readonly clock: Clock,
  ) {}

  async execute(assignmentId: string, input: { readonly studentId: unknown; readonly answers: unknown }): Promise<CompletedAssignment> {
    const studentId = AssignmentQuestions.parsePersonId('studentId', input.studentId);
    const record = await this.catalog.get(AssignmentId.parse(assignmentId));
    if (!record) throw new AssignmentNotFoundError(assignmentId);
    const answers = AssignmentQuestions.answer(record.questions, input.answers);
    const submittedAt = this.clock.now().getTime() / 1000;
    const { replaced } = await this.submissions.save({ assignmentId, studentId, answers, submittedAt });
    return { assignmentId, studentId, answers, submittedAt, replaced };
  }
}
