import { DomainError } from '../errors/DomainError';

/** One offending field of a request, by its path (`questions.2`, `seed`). */
export interface InputIssue {
  readonly path: string;
  readonly message: string;
}

/** Input of the assignment flow that breaks a rule; every offending field is named at once. */
abstract class InvalidAssignmentInput extends DomainError {
  constructor(
    what: string,
    readonly issues: readonly InputIssue[],
  ) {
    super(`${what} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

/** A prompt, size, seed or setting Nova Canvas would refuse (or that the deployment does not allow). */
export class InvalidGenerationRequestError extends InvalidAssignmentInput {
  readonly code = 'INVALID_GENERATION_REQUEST';
  override readonly name = 'InvalidGenerationRequestError';
  constructor(issues: readonly InputIssue[]) {
    super('the image request', issues);
  }
}

/** An assignment's questions (or its teacher, or its id) break a rule. */
export class InvalidAssignmentError extends InvalidAssignmentInput {
  readonly code = 'INVALID_ASSIGNMENT';
  override readonly name = 'InvalidAssignmentError';
  constructor(issues: readonly InputIssue[]) {
    super('the assignment', issues);
  }
}

/** A student's answers do not fit the assignment's questions. */
export class InvalidAnswersError extends InvalidAssignmentInput {
  readonly code = 'INVALID_ANSWERS';
  override readonly name = 'InvalidAnswersError';
  constructor(issues: readonly InputIssue[]) {
    super('the answers', issues);
  }
}

/** A list cursor that this API did not hand out (or that was altered). */
export class InvalidCursorError extends InvalidAssignmentInput {
  readonly code = 'INVALID_CURSOR';
  override readonly name = 'InvalidCursorError';
  constructor(reason: string) {
    super('the cursor', [{ path: 'cursor', message: reason }]);
  }
}
