// What the migration needs from the domain's PathResolver, with job lookups made asynchronous.
import { JobS3Prefix, type Classification, type PathResolver } from '@edgecv/domain';
import type { JobCreatedAtLookup } from './JobCreatedAtLookup';

export async function classifyKey(resolver: PathResolver, key: string, jobs: JobCreatedAtLookup): Promise<Classification> {
  const first = resolver.classify(key);
  // A key under jobs/{id}/{ts}/ conforms by its shape alone; only the job's created_at tells
  // whether {ts} is the job's own prefix or a fragment left by an upload that used "now".
  const jobId = first.status === 'needs-lookup' ? first.jobId : first.status === 'conforming' ? JobS3Prefix.parse(key, resolver.config)?.jobId : undefined;
  if (jobId === undefined) return first;
  const createdAt = await jobs.createdAt(jobId);
  if (createdAt === undefined) return first;
  return resolver.classify(key, (id) => (id === jobId ? createdAt : undefined));
}
