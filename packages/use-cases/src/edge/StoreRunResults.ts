// The HTTP form of spec 004's upload_results: a client that already zipped a run's results
// sends the archive; it is stored under the job's one prefix (from job.created_at) and recorded
// on the run, exactly where `edgecv results upload` puts a packaged directory.
import { Readable } from 'node:stream';
import { JobS3Prefix, S3Uri } from '@edgecv/domain';
import { findJobAndRun } from '../jobs/findJobAndRun';
import type { Clock } from '../ports/Clock';
import type { JobRepository } from '../ports/JobRepository';
import type { ObjectStore } from '../ports/ObjectStore';
import type { RunRepository } from '../ports/RunRepository';
import type { ResultsSettings } from '../results/ResultsSettings';
import { InvalidResultsArchiveError } from './EdgeErrors';

export interface StoredRunResults {
  readonly bucket: string;
  readonly key: string;
  readonly uri: string;
  readonly size: number;
  readonly sha256: string;
  readonly uploadedAt: Date;
}

export class StoreRunResults {
  constructor(
    private readonly jobs: JobRepository,
    private readonly runs: RunRepository,
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    private readonly settings: ResultsSettings,
  ) {}

  /** Throws InvalidResultsArchiveError, JobNotFoundError, RunNotFoundError, RunNotInJobError, or the store's error. */
  async execute(input: { jobId: number; runId: number; archive: Uint8Array }): Promise<StoredRunResults> {
    if (!isZip(input.archive)) throw new InvalidResultsArchiveError(input.archive.byteLength);
    const { job } = await findJobAndRun(this.jobs, this.runs, input.jobId, input.runId);
    const key = JobS3Prefix.fromJob(job, this.settings.pathConfig).runResultsKey(input.runId);
    const { bucket } = this.settings;
    const put = await this.store.putStream(bucket, key.value, Readable.from([Buffer.from(input.archive)]), {
      contentType: 'application/zip',
      metadata: { 'edgecv-job-id': String(input.jobId), 'edgecv-run-id': String(input.runId) },
    });
    const uploadedAt = this.clock.now();
    await this.runs.recordResults(input.runId, { bucket, key: key.value, size: put.size, sha256: put.sha256, uploadedAt });
    return { bucket, key: key.value, uri: S3Uri.of(bucket, key).toString(), size: put.size, sha256: put.sha256, uploadedAt };
  }
}

/** A zip starts with a local file header, or is empty (end of central directory only). */
function isZip(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 22) return false;
  const sig = Buffer.from(bytes.buffer, bytes.byteOffset, 4).readUInt32LE(0);
  return sig === 0x04034b50 || sig === 0x06054b50;
}
