// spec 004 phase 2: configs and inputs are uploaded under the same job prefix as results, so a
// job's artifacts never fragment across timestamps.
import { JobS3Prefix, type S3Key } from '@edgecv/domain';
import type { JobRepository } from '../ports/JobRepository';
import type { ObjectStore, PresignedUrl } from '../ports/ObjectStore';
import type { RunRepository } from '../ports/RunRepository';
import { findJob, findJobAndRun } from '../jobs/findJobAndRun';
import type { ResultsSettings } from './ResultsSettings';

export type JobUpload =
  | { readonly kind: 'job-config'; readonly jobId: number; readonly expirySeconds?: number }
  | { readonly kind: 'job-input'; readonly jobId: number; readonly expirySeconds?: number }
  | { readonly kind: 'run-config'; readonly jobId: number; readonly runId: number; readonly expirySeconds?: number };

const CONTENT_TYPES: Record<JobUpload['kind'], string> = {
  'job-config': 'application/json',
  'job-input': 'application/zip',
  'run-config': 'application/json',
};

export class GetUploadLocation {
  constructor(
    private readonly jobs: JobRepository,
    private readonly runs: RunRepository,
    private readonly store: ObjectStore,
    private readonly settings: ResultsSettings,
  ) {}

  /** A presigned PUT for the artifact's key; JobNotFoundError, RunNotFoundError, RunNotInJobError, InvalidExpiryError. */
  async execute(upload: JobUpload): Promise<PresignedUrl> {
    const key = await this.keyOf(upload);
    const expirySeconds = upload.expirySeconds ?? this.settings.presignExpirySeconds;
    return this.store.presignPut(this.settings.bucket, key.value, {
      contentType: CONTENT_TYPES[upload.kind],
      ...(expirySeconds !== undefined ? { expirySeconds } : {}),
    });
  }

  private async keyOf(upload: JobUpload): Promise<S3Key> {
    const config = this.settings.pathConfig;
    switch (upload.kind) {
      case 'job-config':
        return JobS3Prefix.fromJob(await findJob(this.jobs, upload.jobId), config).jobConfigKey();
      case 'job-input':
        return JobS3Prefix.fromJob(await findJob(this.jobs, upload.jobId), config).jobInputKey();
      case 'run-config': {
        const { job } = await findJobAndRun(this.jobs, this.runs, upload.jobId, upload.runId);
        return JobS3Prefix.fromJob(job, config).runConfigKey(upload.runId);
      }
    }
  }
}
