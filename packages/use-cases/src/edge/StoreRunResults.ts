// The HTTP form of spec 004's upload_results: a client that already zipped a run's results
// sends the archive; it is stored under the job's one prefix (from job.created_at) and recorded
// on the run, exactly where `edgecv results upload` puts a packaged directory. The archive is
// read through (central directory, every entry's CRC-32) before anything is stored: a body that
// is not an intact zip is refused, and the SHA-256 recorded is of the bytes stored.
import { Readable } from 'node:stream';
import { JobS3Prefix, S3Uri } from '@edgecv/domain';
import { findJobAndRun } from '../jobs/findJobAndRun';
import type { Clock } from '../ports/Clock';
import type { JobRepository } from '../ports/JobRepository';
import type { ObjectStore } from '../ports/ObjectStore';
import type { ResultsArchiveVerifier } from '../ports/ResultsArchiveVerifier';
import type { RunRepository } from '../ports/RunRepository';
import type { ResultsSettings } from '../results/ResultsSettings';
import { writeResultsOnce, type ReplacedResults } from '../results/writeResultsOnce';
import { InvalidResultsArchiveError } from './EdgeErrors';

export interface StoredRunResults {
  readonly bucket: string;
  readonly key: string;
  readonly uri: string;
  readonly size: number;
  readonly sha256: string;
  readonly uploadedAt: Date;
  /** Present when results were stored before and `replace` replaced them. */
  readonly replaced?: ReplacedResults;
}

export class StoreRunResults {
  constructor(
    private readonly jobs: JobRepository,
    private readonly runs: RunRepository,
    private readonly store: ObjectStore,
    private readonly verifier: ResultsArchiveVerifier,
    private readonly clock: Clock,
    private readonly settings: ResultsSettings,
  ) {}

  /**
   * Throws InvalidResultsArchiveError, JobNotFoundError, RunNotFoundError, RunNotInJobError,
   * ResultsExistError (results are write-once unless `replace`), or the store's error.
   */
  async execute(input: { jobId: number; runId: number; archive: Uint8Array; replace?: boolean }): Promise<StoredRunResults> {
    if (input.archive.byteLength === 0) throw new InvalidResultsArchiveError(0, 'the body is empty');
    await this.verifier.verify(input.archive, this.settings.packageLimits);
    const { job } = await findJobAndRun(this.jobs, this.runs, input.jobId, input.runId);
    const key = JobS3Prefix.fromJob(job, this.settings.pathConfig).runResultsKey(input.runId);
    const { bucket } = this.settings;
    const { put, replaced } = await writeResultsOnce(
      this.store,
      { jobId: input.jobId, runId: input.runId, bucket, key: key.value, replace: input.replace ?? false },
      () => Readable.from([Buffer.from(input.archive)]),
      { contentType: 'application/zip', metadata: { 'edgecv-job-id': String(input.jobId), 'edgecv-run-id': String(input.runId) } },
    );
    const uploadedAt = this.clock.now();
    await this.runs.recordResults(input.runId, { bucket, key: key.value, size: put.size, sha256: put.sha256, uploadedAt });
    return { bucket, key: key.value, uri: S3Uri.of(bucket, key).toString(), size: put.size, sha256: put.sha256, uploadedAt, ...(replaced ? { replaced } : {}) };
  }
}
