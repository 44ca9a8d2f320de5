// listAssignments: newest first, a page at a time (an opaque cursor), optionally one teacher's;
// no image is loaded (spec 003's list_assignments).
import { AssignmentCursor, AssignmentQuestions, InvalidAssignmentError } from '@edgecv/domain';
import type { AssignmentCatalog } from '../ports/AssignmentCatalog';
import { summaryOf, type AssignmentSummary } from './AssignmentView';

export const LIST_LIMITS = Object.freeze({ defaultLimit: 20, maxLimit: 100 });

export interface ListAssignmentsInput {
  readonly teacherId?: string;
  readonly cursor?: string;
  readonly limit?: number;
}

export interface AssignmentPage {
  readonly items: readonly AssignmentSummary[];
  /** Present when there are more: pass it back as `cursor`. */
  readonly nextCursor?: string;
}

export class ListAssignments {
  constructor(private readonly catalog: AssignmentCatalog) {}

  async execute(input: ListAssignmentsInput = {}): Promise<AssignmentPage> {
    const limit = input.limit ?? LIST_LIMITS.defaultLimit;
    if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMITS.maxLimit) {
      throw new InvalidAssignmentError([{ path: 'limit', message: `must be an integer from 1 to ${LIST_LIMITS.maxLimit}` }]);
    }
    const teacherId = input.teacherId === undefined ? undefined : AssignmentQuestions.parsePersonId('teacherId', input.teacherId);
    const after = input.cursor === undefined ? undefined : AssignmentCursor.decode(input.cursor);
    // One more than asked tells whether another page exists without a count.
    const records = await this.catalog.list({ ...(teacherId !== undefined ? { teacherId } : {}), ...(after ? { after } : {}), limit: limit + 1 });
    const page = records.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(summaryOf),
      ...(records.length > limit && last ? { nextCursor: AssignmentCursor.encode({ createdAt: last.createdAt ?? null, assignmentId: last.assignmentId }) } : {}),
    };
  }
}
