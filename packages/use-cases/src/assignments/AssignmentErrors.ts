// Expected failures of the assignment use cases, with stable codes for the status tables (a
// missing or taken assignment is not invalid input: these are no DomainErrors).
import { EdgecvError } from '@edgecv/domain';

export class AssignmentNotFoundError extends EdgecvError {
  readonly code = 'ASSIGNMENT_NOT_FOUND';
  override readonly name = 'AssignmentNotFoundError';
  constructor(readonly assignmentId: string) {
    super(`no assignment ${JSON.stringify(assignmentId)}`);
  }
}

export class AssignmentAlreadyExistsError extends EdgecvError {
  readonly code = 'ASSIGNMENT_ALREADY_EXISTS';
  override readonly name = 'AssignmentAlreadyExistsError';
  constructor(readonly assignmentId: string) {
    super(`assignment ${JSON.stringify(assignmentId)} already exists`);
  }
}
