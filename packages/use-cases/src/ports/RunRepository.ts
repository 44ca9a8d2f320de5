export const RunRepositoryToken = Symbol.for('edgecv.RunRepository');

export interface RunResults {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** Hex SHA-256 of the uploaded zip. */
  readonly sha256: string;
  readonly uploadedAt: Date;
}

export interface Run {
  /** Run ids are global, not per job: a run is found by id alone, then checked against its job. */
  readonly id: number;
  readonly jobId: number;
  readonly createdAt: Date;
  readonly results?: RunResults;
}

export interface NewRun {
  /** Allocated from an atomic counter when omitted. */
  readonly id?: number;
  readonly jobId: number;
  readonly createdAt: Date;
}

export interface RunRepository {
  /** Stores a new run; RunAlreadyExistsError when the id is taken. */
  create(run: NewRun): Promise<Run>;
  findById(id: number): Promise<Run | undefined>;
  /** The job's runs in id order, page by page. */
  listByJob(jobId: number): AsyncIterable<Run>;
  /** Records the uploaded results; RunNotFoundError when the run is missing. */
  recordResults(id: number, results: RunResults): Promise<Run>;
}
