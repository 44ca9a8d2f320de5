import fc from 'fast-check';
import { bucketNameArb, conformingKeyArb, legacyKeyArb } from '../../../../tooling/test-harness/src/arbitraries';
import { JobLookupRequiredError } from '../errors/JobLookupRequiredError';
import { S3PathConfig } from '../layout/S3PathConfig';
import type { JobLookup } from './Classification';
import { PathResolver } from './PathResolver';

const lookupOf = (sample: { job?: { id: number; createdAt: Date } }): JobLookup => (id) =>
  sample.job?.id === id ? sample.job.createdAt : undefined;

describe('Property 10: backward compatibility during migration', () => {
  it('a legacy reference (s3:// URI or key) resolves to the new location, in the same bucket', () => {
    fc.assert(
      fc.property(legacyKeyArb, bucketNameArb, (sample, bucket) => {
        const resolver = new PathResolver(S3PathConfig.create({ prefix: sample.prefix }));
        const lookup = lookupOf(sample);
        expect(resolver.resolveArtifactPath(sample.key, lookup)).toBe(sample.expected);
        expect(resolver.resolveArtifactPath(`s3://${bucket}/${sample.key}`, lookup)).toBe(`s3://${bucket}/${sample.expected}`);
      }),
      { numRuns: 300 },
    );
  });

  it('new-layout references pass through unchanged, so new paths keep working', () => {
    fc.assert(
      fc.property(conformingKeyArb, bucketNameArb, (sample, bucket) => {
        const resolver = new PathResolver(S3PathConfig.create({ prefix: sample.prefix }));
        const uri = `s3://${bucket}/${sample.key}`;
        expect(resolver.resolveArtifactPath(uri, lookupOf(sample))).toBe(uri);
        expect(resolver.resolveArtifactPath(sample.key)).toBe(sample.key);
      }),
      { numRuns: 300 },
    );
  });

  it('resolving is idempotent: the resolved reference resolves to itself', () => {
    fc.assert(
      fc.property(legacyKeyArb, (sample) => {
        const resolver = new PathResolver(S3PathConfig.create({ prefix: sample.prefix }));
        const lookup = lookupOf(sample);
        const once = resolver.resolveArtifactPath(sample.key, lookup);
        expect(resolver.resolveArtifactPath(once, lookup)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });

  it('a legacy reference that needs its job fails loudly without the job, never guesses', () => {
    fc.assert(
      fc.property(legacyKeyArb.filter((s) => s.rule === 'run-results'), (sample) => {
        const resolver = new PathResolver(S3PathConfig.create({ prefix: sample.prefix }));
        expect(() => resolver.resolveArtifactPath(sample.key)).toThrow(JobLookupRequiredError);
        expect(() => resolver.resolveArtifactPath(sample.key, () => undefined)).toThrow(JobLookupRequiredError);
      }),
      { numRuns: 100 },
    );
  });
});
