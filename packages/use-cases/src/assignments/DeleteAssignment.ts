// deleteAssignment: the picture first (its objects; the bucket's versioning and lifecycle keep
// old versions as configured), then the submissions, then the document. Each step is idempotent,
// so a delete that failed half-way is finished by deleting again.
import { AssignmentId } from '@edgecv/domain';
import type { AssignmentCatalog } from '../ports/AssignmentCatalog';
import type { SubmissionRepository } from '../ports/SubmissionRepository';
import type { DeleteAssignmentImage } from '../images/DeleteAssignmentImage';
import { AssignmentNotFoundError } from './AssignmentErrors';

export interface DeletedAssignment {
  readonly assignmentId: string;
  readonly deletedKeys: readonly string[];
  readonly submissionsDeleted: number;
}

export class DeleteAssignment {
  constructor(
    private readonly catalog: AssignmentCatalog,
    private readonly submissions: SubmissionRepository,
    private readonly deleteImage: Pick<DeleteAssignmentImage, 'execute'>,
  ) {}

  async execute(assignmentId: string, context: { readonly correlationId?: string } = {}): Promise<DeletedAssignment> {
    const record = await this.catalog.get(AssignmentId.parse(assignmentId));
    if (!record) throw new AssignmentNotFoundError(assignmentId);
    const image = await this.deleteImage.execute(assignmentId, { ...(record.teacherId ? { teacherId: record.teacherId } : {}), ...(context.correlationId ? { correlationId: context.correlationId } : {}) });
    const submissionsDeleted = await this.submissions.deleteForAssignment(assignmentId);
    await this.catalog.delete(assignmentId);
    return { assignmentId, deletedKeys: image.deletedKeys, submissionsDeleted };
  }
}
