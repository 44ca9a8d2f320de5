import { DEFAULT_PATH_CONFIG, JobId, JobS3Prefix, type S3PathConfig } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { Job, JobRepository } from '../ports/JobRepository';

export interface CreateJobInput {
  /** Allocated when omitted. */
  readonly id?: number;
  readonly name?: string;
  /** When the job was created; "now" from the clock when omitted. Fixes the job's S3 prefix forever. */
  readonly createdAt?: Date | string;
}

/** The job, and where its artifacts live: one prefix for every transport, from the configured layout. */
export interface CreatedJob extends Job {
  /** `{layout prefix/}jobs/{id}/{yyyy}/{mm}/{dd}/{HHMMSS}`. */
  readonly prefix: string;
  /** `s3://{bucket}/{prefix}/`, when the bucket is known. */
  readonly uri?: string;
}

export class CreateJob {
  constructor(
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
    private readonly layout: { readonly bucket?: string; readonly pathConfig?: S3PathConfig } = {},
  ) {}

  /** Throws InvalidJobIdError, InvalidTimestampError, JobAlreadyExistsError. */
  async execute(input: CreateJobInput = {}): Promise<CreatedJob> {
    const id = input.id === undefined ? undefined : JobId.parse(input.id);
    // Parsing through the prefix rejects what could not name a prefix (offset-less strings, invalid dates).
    const createdAt =
      input.createdAt === undefined ? this.clock.now() : JobS3Prefix.fromJob({ id: id ?? 1, createdAt: input.createdAt }).timestamp;
    const job = await this.jobs.create({
      createdAt,
      ...(id !== undefined ? { id } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
    });
    const prefix = JobS3Prefix.fromJob(job, this.layout.pathConfig ?? DEFAULT_PATH_CONFIG);
    return { ...job, prefix: prefix.basePrefix, ...(this.layout.bucket !== undefined ? { uri: `s3://${this.layout.bucket}/${prefix.folder}` } : {}) };
  }
}
