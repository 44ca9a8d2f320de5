import fc from 'fast-check';
import {
  deploymentNameArb,
  jobNameArb,
  neoTargetArb,
  pathConfigArb,
} from '../../../../tooling/test-harness/src/arbitraries';
import { S3PathBuilder } from './S3PathBuilder';
import { DATASET_TYPES } from './S3PathConfig';

/** Every key of spec 000 the builder can produce for one input tuple. */
function allKeys(b: S3PathBuilder, job: string, target: string, name: string): string[] {
  return [
    b.trainingOutputPath(job).key.value,
    b.trainingModelKey(job).value,
    b.trainingMetadataKey(job).value,
    b.compilationOutputPath(job).key.value,
    b.compilationOutputPath(job, target).key.value,
    b.compiledModelKey(job, target).value,
    b.neoOutputKey(job, target).value,
    b.compilationMetadataKey(job).value,
    ...DATASET_TYPES.map((t) => b.datasetPath(t).key.value),
    b.deploymentPath(name).key.value,
    b.deploymentArtifactKey(name, 'model.tar.gz').value,
    b.deploymentArtifactKey(name, 'config.json').value,
    b.deploymentArtifactKey(name, 'component.zip').value,
  ];
}

describe('Property 1: S3 path structure separation', () => {
  it('every generated path starts with datasets/, models/ or deployments/ (after the bucket prefix)', () => {
    fc.assert(
      fc.property(pathConfigArb, jobNameArb, neoTargetArb, deploymentNameArb, (config, job, target, name) => {
        const head = config.prefix === '' ? '' : `${config.prefix}/`;
        for (const key of allKeys(new S3PathBuilder(config), job, target, name)) {
          expect(key.startsWith(head)).toBe(true);
          expect(key.slice(head.length)).toMatch(/^(datasets|models|deployments)\//);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps datasets, models and deployments apart: each kind lives under its own folder only', () => {
    fc.assert(
      fc.property(pathConfigArb, jobNameArb, neoTargetArb, deploymentNameArb, (config, job, target, name) => {
        const b = new S3PathBuilder(config);
        const top = (key: string): string => key.slice(config.prefix === '' ? 0 : config.prefix.length + 1).split('/')[0] as string;
        expect(top(b.trainingModelKey(job).value)).toBe('models');
        expect(top(b.compiledModelKey(job, target).value)).toBe('models');
        expect(DATASET_TYPES.map((t) => top(b.datasetPath(t).key.value))).toEqual(['datasets', 'datasets', 'datasets']);
        expect(top(b.deploymentArtifactKey(name, 'component.zip').value)).toBe('deployments');
      }),
      { numRuns: 100 },
    );
  });
});
