// spec 004: package a run's results directory and upload it under the job's one prefix,
// built from job.created_at, never from "now".
import { JobS3Prefix, S3Uri } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { JobRepository } from '../ports/JobRepository';
import type { ObjectStore } from '../ports/ObjectStore';
import type { ResultsPackager } from '../ports/ResultsPackager';
import type { RunRepository } from '../ports/RunRepository';
import { findJobAndRun } from '../jobs/findJobAndRun';
import { PackageLimitError, ResultsDirNotFoundError, SymlinkEscapeError, UnsupportedEntryError } from './PackagingErrors';
import type { ResultsSettings } from './ResultsSettings';

export interface UploadResultsInput {
  readonly jobId: number;
  readonly runId: number;
  readonly resultsDir: string;
  readonly signal?: AbortSignal;
  /** Bytes of the zip stored so far, as parts are acknowledged (for a progress display). */
  readonly onProgress?: (bytesStored: number) => void;
}

export interface ResultsLocation {
  readonly bucket: string;
  readonly key: string;
  /** `s3://bucket/key`. */
  readonly uri: string;
  readonly size: number;
  readonly sha256: string;
  readonly uploadedAt: Date;
  /** Entries packaged and file bytes read. */
  readonly entries: number;
  readonly bytesIn: number;
}

export class UploadResults {
  constructor(
    private readonly jobs: JobRepository,
    private readonly runs: RunRepository,
    private readonly packager: ResultsPackager,
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    private readonly settings: ResultsSettings,
  ) {}

  /**
   * Throws JobNotFoundError, RunNotFoundError, RunNotInJobError, the packaging errors, or the
   * store's error. On any failure no object is left and the run record is untouched.
   */
  async execute({ jobId, runId, resultsDir, signal, onProgress }: UploadResultsInput): Promise<ResultsLocation> {
    const { job } = await findJobAndRun(this.jobs, this.runs, jobId, runId);
    const key = JobS3Prefix.fromJob(job, this.settings.pathConfig).runResultsKey(runId);
    const { bucket } = this.settings;

    const pkg = this.packager.package(resultsDir, this.settings.packageLimits);
    let put;
    try {
      put = await this.store.putStream(bucket, key.value, pkg.stream, {
        contentType: 'application/zip',
        metadata: { 'edgecv-job-id': String(jobId), 'edgecv-run-id': String(runId) },
        ...(signal ? { signal } : {}),
        ...(onProgress ? { onProgress } : {}),
      });
    } catch (error) {
      // The upload failed, or failed because packaging did: report the packaging error, it names the cause.
      pkg.stream.destroy();
      const packagingError = await pkg.done.then(
        () => undefined,
        (e: unknown) => e,
      );
      throw isPackagingError(packagingError) ? packagingError : error;
    }
    const summary = await pkg.done;

    const uploadedAt = this.clock.now();
    await this.runs.recordResults(runId, { bucket, key: key.value, size: put.size, sha256: put.sha256, uploadedAt });
    return {
      bucket,
      key: key.value,
      uri: S3Uri.of(bucket, key).toString(),
      size: put.size,
      sha256: put.sha256,
      uploadedAt,
      entries: summary.entries,
      bytesIn: summary.bytesIn,
    };
  }
}

function isPackagingError(e: unknown): e is Error {
  return (
    e instanceof SymlinkEscapeError ||
    e instanceof PackageLimitError ||
    e instanceof ResultsDirNotFoundError ||
    e instanceof UnsupportedEntryError
  );
}
