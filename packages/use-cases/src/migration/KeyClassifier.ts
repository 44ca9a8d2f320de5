// What the migration needs from the domain's PathResolver, with job lookups made asynchronous.
import type { Classification, PathResolver } from '@edgecv/domain';
import type { JobCreatedAtLookup } from './JobCreatedAtLookup';

export async function classifyKey(resolver: PathResolver, key: string, jobs: JobCreatedAtLookup): Promise<Classification> {
  const first = resolver.classify(key);
  if (first.status !== 'needs-lookup') return first;
  const createdAt = await jobs.createdAt(first.jobId);
  if (createdAt === undefined) return first;
  return resolver.classify(key, (id) => (id === first.jobId ? createdAt : undefined));
}
