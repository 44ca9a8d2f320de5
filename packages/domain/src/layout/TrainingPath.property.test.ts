import fc from 'fast-check';
import { jobNameArb, pathConfigArb } from '../../../../tooling/test-harness/src/arbitraries';
import { S3PathBuilder } from './S3PathBuilder';

describe('Property 2: training output path structure', () => {
  it('the output path of any training job is models/training/{job}/ in the configured bucket', () => {
    fc.assert(
      fc.property(pathConfigArb, jobNameArb, (config, job) => {
        const b = new S3PathBuilder(config);
        const uri = b.trainingOutputPath(job);
        expect(uri.bucket).toBe(config.bucket);
        expect(uri.isFolder).toBe(true);
        expect(uri.key.value).toBe(config.withPrefix(`models/training/${job}/`));
      }),
      { numRuns: 200 },
    );
  });

  it('the model is where SageMaker writes it: {S3OutputPath}/{TrainingJobName}/output/model.tar.gz', () => {
    fc.assert(
      fc.property(pathConfigArb, jobNameArb, (config, job) => {
        const b = new S3PathBuilder(config);
        const sageMakerWrites = `${b.trainingOutputRoot().toString()}${job}/output/model.tar.gz`;
        expect(b.uriOf(b.trainingModelKey(job)).toString()).toBe(sageMakerWrites);
        expect(b.trainingModelKey(job).isWithin(b.trainingOutputFolder(job))).toBe(true);
        expect(b.trainingMetadataKey(job).value).toBe(config.withPrefix(`models/training/${job}/metadata.json`));
      }),
      { numRuns: 200 },
    );
  });
});
