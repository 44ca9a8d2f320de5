import { JobId, JobS3Prefix } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { Job, JobRepository } from '../ports/JobRepository';

export interface CreateJobInput {
  /** Allocated when omitted. */
  readonly id?: number;
  readonly name?: string;
  /** When the job was created; "now" from the clock when omitted. Fixes the job's S3 prefix forever. */
  readonly createdAt?: Date | string;
}

export class CreateJob {
  constructor(
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
  ) {}

  /** Throws InvalidJobIdError, InvalidTimestampError, JobAlreadyExistsError. */
  async execute(input: CreateJobInput = {}): Promise<Job> {
    const id = input.id === undefined ? undefined : JobId.parse(input.id);
    // Parsing through the prefix rejects what could not name a prefix (offset-less strings, invalid dates).
    const createdAt =
      input.createdAt === undefined ? this.clock.now() : JobS3Prefix.fromJob({ id: id ?? 1, createdAt: input.createdAt }).timestamp;
    return this.jobs.create({
      createdAt,
      ...(id !== undefined ? { id } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
    });
  }
}
