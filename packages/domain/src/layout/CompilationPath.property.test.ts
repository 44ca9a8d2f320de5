import fc from 'fast-check';
import { jobNameArb, neoTargetArb, pathConfigArb } from '../../../../tooling/test-harness/src/arbitraries';
import { S3PathBuilder } from './S3PathBuilder';

describe('Property 3: compilation output path structure', () => {
  it('the output path of any compilation job is models/compilation/{job}/, with an optional {target}/ below it', () => {
    fc.assert(
      fc.property(pathConfigArb, jobNameArb, fc.option(neoTargetArb, { nil: undefined }), (config, job, target) => {
        const b = new S3PathBuilder(config);
        const jobFolder = config.withPrefix(`models/compilation/${job}/`);
        const uri = b.compilationOutputPath(job, target);
        expect(uri.isFolder).toBe(true);
        expect(uri.key.value).toBe(target === undefined ? jobFolder : `${jobFolder}${target}/`);
      }),
      { numRuns: 200 },
    );
  });

  it('organises compiled models by target inside the job folder, one folder per target', () => {
    fc.assert(
      fc.property(pathConfigArb, jobNameArb, neoTargetArb, neoTargetArb, (config, job, t1, t2) => {
        const b = new S3PathBuilder(config);
        const m1 = b.compiledModelKey(job, t1);
        expect(m1.value).toBe(config.withPrefix(`models/compilation/${job}/${t1}/model.tar.gz`));
        expect(m1.isWithin(b.compilationOutputFolder(job))).toBe(true);
        expect(m1.isWithin(b.compilationOutputFolder(job, t1))).toBe(true);
        expect(b.neoOutputKey(job, t1).isWithin(b.compilationOutputFolder(job, t1))).toBe(true);
        expect(m1.equals(b.compiledModelKey(job, t2))).toBe(t1 === t2);
        expect(b.compilationMetadataKey(job).value).toBe(config.withPrefix(`models/compilation/${job}/metadata.json`));
      }),
      { numRuns: 200 },
    );
  });
});
