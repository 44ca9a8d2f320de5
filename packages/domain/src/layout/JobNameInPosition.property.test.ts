import fc from 'fast-check';
import { deploymentNameArb, jobNameArb, neoTargetArb, pathConfigArb } from '../../../../tooling/test-harness/src/arbitraries';
import { S3PathBuilder } from './S3PathBuilder';

describe('Property 6: job name inclusion in paths', () => {
  it('every job-specific key has the job name as the segment right after its folder', () => {
    fc.assert(
      fc.property(pathConfigArb, jobNameArb, neoTargetArb, deploymentNameArb, (config, job, target, name) => {
        const b = new S3PathBuilder(config);
        const base = config.prefix === '' ? 0 : config.prefix.split('/').length;
        const segmentAt = (key: { segments: readonly string[] }, i: number): string | undefined => key.segments[base + i];
        // models/training/{job}/..., models/compilation/{job}/...: position 2 after the prefix.
        for (const key of [
          b.trainingOutputPath(job).key,
          b.trainingModelKey(job),
          b.trainingMetadataKey(job),
          b.compilationOutputPath(job).key,
          b.compiledModelKey(job, target),
          b.compilationMetadataKey(job),
        ]) {
          expect(segmentAt(key, 2)).toBe(job);
        }
        expect(segmentAt(b.compiledModelKey(job, target), 3)).toBe(target);
        // deployments/{name}/...: position 1.
        expect(segmentAt(b.deploymentArtifactKey(name, 'model.tar.gz'), 1)).toBe(name);
      }),
      { numRuns: 200 },
    );
  });
});
