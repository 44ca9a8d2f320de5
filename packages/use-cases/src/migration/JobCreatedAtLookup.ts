// Resolves job ids to created_at through the JobRepository, with a bounded LRU so a bucket with
// millions of job keys neither hammers the table nor grows memory.
import type { JobRepository } from '../ports/JobRepository';
import { LruCache } from './LruCache';

export class JobCreatedAtLookup {
  private readonly cache: LruCache<number, Date | null>;
  lookups = 0;

  constructor(
    private readonly jobs: JobRepository | undefined,
    capacity = 10_000,
  ) {
    this.cache = new LruCache(capacity);
  }

  async createdAt(jobId: number): Promise<Date | undefined> {
    if (this.jobs === undefined) return undefined;
    const cached = this.cache.get(jobId);
    if (cached !== undefined) return cached ?? undefined;
    this.lookups += 1;
    const job = await this.jobs.findById(jobId);
    this.cache.set(jobId, job?.createdAt ?? null);
    return job?.createdAt;
  }
}
