// Copies a whole job prefix to an archive bucket server-side, and trusts the copy only once its
// size and SHA-256 match the source (ETags of multipart objects say nothing about content).
import { createHash } from 'node:crypto';
import { JobS3Prefix } from '@edgecv/domain';
import type { Clock } from '../ports/Clock';
import type { Job, JobRepository } from '../ports/JobRepository';
import type { ObjectStore } from '../ports/ObjectStore';
import { findJob } from '../jobs/findJobAndRun';
import { ArchiveVerificationError } from './ArchiveErrors';
import type { ResultsSettings } from './ResultsSettings';

export interface ArchiveJobResult {
  readonly job: Job;
  readonly sourceBucket: string;
  readonly archiveBucket: string;
  readonly prefix: string;
  readonly objects: number;
  readonly bytes: number;
}

export class ArchiveJob {
  constructor(
    private readonly jobs: JobRepository,
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    private readonly settings: ResultsSettings,
  ) {}

  /** JobNotFoundError, ArchiveVerificationError, or the store's error; the job is marked archived only when every copy verified. */
  async execute(input: { jobId: number; archiveBucket: string; signal?: AbortSignal }): Promise<ArchiveJobResult> {
    const job = await findJob(this.jobs, input.jobId);
    const prefix = JobS3Prefix.fromJob(job, this.settings.pathConfig).folder;
    const source = this.settings.bucket;
    let objects = 0;
    let bytes = 0;
    for await (const o of this.store.list(source, prefix)) {
      input.signal?.throwIfAborted();
      await this.store.copy({ bucket: source, key: o.key }, { bucket: input.archiveBucket, key: o.key }, input.signal ? { signal: input.signal } : {});
      const [expected, actual] = await Promise.all([this.digest(source, o.key), this.digest(input.archiveBucket, o.key)]);
      if (expected.size !== actual.size || expected.sha256 !== actual.sha256) throw new ArchiveVerificationError(o.key, expected, actual);
      objects += 1;
      bytes += actual.size;
    }
    const archived = await this.jobs.recordArchive(job.id, { bucket: input.archiveBucket, prefix, objects, bytes, archivedAt: this.clock.now() });
    return { job: archived, sourceBucket: source, archiveBucket: input.archiveBucket, prefix, objects, bytes };
  }

  private async digest(bucket: string, key: string): Promise<{ size: number; sha256: string }> {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of await this.store.getStream(bucket, key)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { size, sha256: hash.digest('hex') };
  }
}
