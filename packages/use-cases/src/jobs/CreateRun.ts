import { JobId, RunId } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { JobRepository } from '../ports/JobRepository';
import type { Run, RunRepository } from '../ports/RunRepository';
import { JobNotFoundError } from './JobErrors';

export interface CreateRunInput {
  readonly jobId: number;
  /** Allocated when omitted. */
  readonly id?: number;
}

export class CreateRun {
  constructor(
    private readonly jobs: JobRepository,
    private readonly runs: RunRepository,
    private readonly clock: Clock,
  ) {}

  /** Throws JobNotFoundError, InvalidJobIdError, InvalidRunIdError, RunAlreadyExistsError. */
  async execute(input: CreateRunInput): Promise<Run> {
    const jobId = JobId.parse(input.jobId);
    const job = await this.jobs.findById(jobId);
    if (!job) throw new JobNotFoundError(jobId);
    return this.runs.create({
      jobId,
      createdAt: this.clock.now(),
      ...(input.id !== undefined ? { id: RunId.parse(input.id) } : {}),
    });
  }
}
