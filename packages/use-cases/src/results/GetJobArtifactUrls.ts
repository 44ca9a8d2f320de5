import { JobS3Prefix } from '@edgecv/domain';
import type { JobRepository } from '../ports/JobRepository';
import type { ObjectStore } from '../ports/ObjectStore';
import { presignExpirySeconds } from '../ports/ObjectStoreErrors';
import { findJob } from '../jobs/findJobAndRun';
import type { ResultsSettings } from './ResultsSettings';

export interface ArtifactUrl {
  readonly key: string;
  /** The key below the job prefix, e.g. `run_4_results.zip`. */
  readonly name: string;
  readonly size: number;
  readonly lastModified: Date;
  readonly url: string;
  readonly expiresAt: Date;
}

export interface JobArtifactUrls {
  readonly jobId: number;
  readonly bucket: string;
  readonly prefix: string;
  readonly artifacts: readonly ArtifactUrl[];
}

/** Presigned GETs for everything under a job's prefix (a job holds tens of objects, not millions). */
export class GetJobArtifactUrls {
  constructor(
    private readonly jobs: JobRepository,
    private readonly store: ObjectStore,
    private readonly settings: ResultsSettings,
  ) {}

  async execute(input: { jobId: number; expirySeconds?: number }): Promise<JobArtifactUrls> {
    // An invalid lifetime is the caller's mistake even when the job holds nothing to sign.
    const expirySeconds = presignExpirySeconds(input.expirySeconds ?? this.settings.presignExpirySeconds);
    const job = await findJob(this.jobs, input.jobId);
    const prefix = JobS3Prefix.fromJob(job, this.settings.pathConfig);
    const { bucket } = this.settings;
    const artifacts: ArtifactUrl[] = [];
    for await (const o of this.store.list(bucket, prefix.folder)) {
      const signed = await this.store.presignGet(bucket, o.key, { expirySeconds });
      artifacts.push({
        key: o.key,
        name: o.key.slice(prefix.folder.length),
        size: o.size,
        lastModified: o.lastModified,
        url: signed.url,
        expiresAt: signed.expiresAt,
      });
    }
    return { jobId: job.id, bucket, prefix: prefix.folder, artifacts };
  }
}
