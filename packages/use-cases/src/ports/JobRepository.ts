/** The DI token of the JobRepository. */
export const JobRepositoryToken = Symbol.for('edgecv.JobRepository');

/** Where a job is in its life; `archived` once ArchiveJob has moved its artifacts. */
export type JobStatus = 'created' | 'running' | 'completed' | 'failed' | 'archived';

/** Where ArchiveJob put a job's artifacts, and how many objects and bytes it moved. */
export interface JobArchive {
  readonly bucket: string;
  readonly prefix: string;
  readonly objects: number;
  readonly bytes: number;
  readonly archivedAt: Date;
}

/**
 * A job as stored: its id, the created_at every artifact key derives from (spec 004), its status
 * and, once archived, its archive.
 */
export interface Job {
  readonly id: number;
  /** The one timestamp every artifact key of the job is built from (spec 004). */
  readonly createdAt: Date;
  readonly name?: string;
  readonly status: JobStatus;
  readonly archive?: JobArchive;
}

/** What JobRepository.create stores. */
export interface NewJob {
  /** Allocated from an atomic counter when omitted. */
  readonly id?: number;
  readonly createdAt: Date;
  readonly name?: string;
  readonly status?: JobStatus;
}

/** Where jobs are kept (DynamoDB in `@edgecv/infrastructure/dynamodb`). */
export interface JobRepository {
  /** Stores a new job; JobAlreadyExistsError when the id is taken. */
  create(job: NewJob): Promise<Job>;
  findById(id: number): Promise<Job | undefined>;
  /** JobNotFoundError when there is no such job. */
  updateStatus(id: number, status: JobStatus): Promise<Job>;
  /** Records where the job was archived and marks it archived; JobNotFoundError when missing. */
  recordArchive(id: number, archive: JobArchive): Promise<Job>;
}
