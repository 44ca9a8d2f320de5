export const JobRepositoryToken = Symbol.for('edgecv.JobRepository');

export type JobStatus = 'created' | 'running' | 'completed' | 'failed' | 'archived';

export interface JobArchive {
  readonly bucket: string;
  readonly prefix: string;
  readonly objects: number;
  readonly bytes: number;
  readonly archivedAt: Date;
}

export interface Job {
  readonly id: number;
  /** The one timestamp every artifact key of the job is built from (spec 004). */
  readonly createdAt: Date;
  readonly name?: string;
  readonly status: JobStatus;
  readonly archive?: JobArchive;
}

export interface NewJob {
  /** Allocated from an atomic counter when omitted. */
  readonly id?: number;
  readonly createdAt: Date;
  readonly name?: string;
  readonly status?: JobStatus;
}

export interface JobRepository {
  /** Stores a new job; JobAlreadyExistsError when the id is taken. */
  create(job: NewJob): Promise<Job>;
  findById(id: number): Promise<Job | undefined>;
  /** JobNotFoundError when there is no such job. */
  updateStatus(id: number, status: JobStatus): Promise<Job>;
  /** Records where the job was archived and marks it archived; JobNotFoundError when missing. */
  recordArchive(id: number, archive: JobArchive): Promise<Job>;
}
