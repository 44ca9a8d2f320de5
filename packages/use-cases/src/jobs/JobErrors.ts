// Expected failures around jobs and runs, each with a stable code and the offending input.
import { EdgecvError } from '@edgecv/domain';

export class JobNotFoundError extends EdgecvError {
  readonly code = 'JOB_NOT_FOUND';
  constructor(readonly jobId: number) {
    super(`job ${jobId} not found`);
    this.name = 'JobNotFoundError';
  }
}

export class JobAlreadyExistsError extends EdgecvError {
  readonly code = 'JOB_ALREADY_EXISTS';
  constructor(readonly jobId: number) {
    super(`job ${jobId} already exists`);
    this.name = 'JobAlreadyExistsError';
  }
}

export class RunNotFoundError extends EdgecvError {
  readonly code = 'RUN_NOT_FOUND';
  constructor(readonly runId: number) {
    super(`run ${runId} not found`);
    this.name = 'RunNotFoundError';
  }
}

export class RunAlreadyExistsError extends EdgecvError {
  readonly code = 'RUN_ALREADY_EXISTS';
  constructor(readonly runId: number) {
    super(`run ${runId} already exists`);
    this.name = 'RunAlreadyExistsError';
  }
}

export class RunNotInJobError extends EdgecvError {
  readonly code = 'RUN_NOT_IN_JOB';
  constructor(
    readonly runId: number,
    readonly jobId: number,
    readonly actualJobId: number,
  ) {
    super(`run ${runId} belongs to job ${actualJobId}, not job ${jobId}`);
    this.name = 'RunNotInJobError';
  }
}
