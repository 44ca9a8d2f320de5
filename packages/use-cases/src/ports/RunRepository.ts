/** The DI token of the RunRepository. */
export const RunRepositoryToken = Symbol.for('edgecv.RunRepository');

/** Where a run's results zip was uploaded, its size and checksum. */
export interface RunResults {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** Hex SHA-256 of the uploaded zip. */
  readonly sha256: string;
  readonly uploadedAt: Date;
}

/** A run of a job, with its results once uploaded. */
export interface Run {
  /** Run ids are global, not per job: a run is found by id alone, then checked against its job. */
  readonly id: number;
  readonly jobId: number;
  readonly createdAt: Date;
  readonly results?: RunResults;
}

/** What RunRepository.create stores. */
export interface NewRun {
  /** Allocated from an atomic counter when omitted. */
  readonly id?: number;
  readonly jobId: number;
  readonly createdAt: Date;
}

/** Where runs are kept (DynamoDB in `@edgecv/infrastructure/dynamodb`). */
export interface RunRepository {
  /** Stores a new run; RunAlreadyExistsError when the id is taken. */
  create(run: NewRun): Promise<Run>;
  findById(id: number): Promise<Run | undefined>;
  /** The job's runs in id order, page by page. */
  listByJob(jobId: number): AsyncIterable<Run>;
  /** Records the uploaded results; RunNotFoundError when the run is missing. */
  recordResults(id: number, results: RunResults): Promise<Run>;
}
