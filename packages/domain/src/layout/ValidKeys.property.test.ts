import fc from 'fast-check';
import { InvalidSegmentError } from '../errors/InvalidSegmentError';
import { S3Key } from '../keys/S3Key';
import { utf8ByteLength } from '../keys/utf8';
import {
  deploymentNameArb,
  jobNameArb,
  neoTargetArb,
  pathConfigArb,
  restSegmentArb,
} from '../../../../tooling/test-harness/src/arbitraries';
import { S3PathBuilder } from './S3PathBuilder';
import { DATASET_TYPES } from './S3PathConfig';

describe('Property 5: path validation and consistency', () => {
  it('every generated key is a valid S3 key: no //, no empty, "." or ".." segment, at most 1024 bytes', () => {
    fc.assert(
      fc.property(pathConfigArb, jobNameArb, neoTargetArb, deploymentNameArb, (config, job, target, name) => {
        const b = new S3PathBuilder(config);
        const keys = [
          b.trainingOutputPath(job).key,
          b.trainingModelKey(job),
          b.compilationOutputPath(job, target).key,
          b.compiledModelKey(job, target),
          b.compilationMetadataKey(job),
          ...DATASET_TYPES.map((t) => b.datasetPath(t).key),
          b.deploymentArtifactKey(name, 'config.json'),
        ];
        for (const key of keys) {
          const value = key.value;
          expect(value).not.toContain('//');
          expect(value.startsWith('/')).toBe(false);
          const segments = (key.isFolder ? value.slice(0, -1) : value).split('/');
          expect(segments.every((s) => s !== '' && s !== '.' && s !== '..')).toBe(true);
          expect(utf8ByteLength(value)).toBeLessThanOrEqual(1024);
          expect(key.isFolder ? S3Key.folder(value).value : S3Key.parse(value).value).toBe(value);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rejects any name that is not a valid segment with InvalidSegmentError, never rewriting it', () => {
    const badNameArb = fc.oneof(
      fc.constantFrom('', '.', '..', 'a/b', 'my job', 'a//b', '/x', 'x/'),
      restSegmentArb.filter((s) => !/^[A-Za-z0-9._-]+$/.test(s)),
    );
    fc.assert(
      fc.property(pathConfigArb, badNameArb, (config, bad) => {
        const b = new S3PathBuilder(config);
        for (const build of [
          () => b.trainingOutputPath(bad),
          () => b.compiledModelKey('job', bad),
          () => b.compiledModelKey(bad, 'ml_c5'),
          () => b.deploymentPath(bad),
        ]) {
          try {
            build();
            throw new Error(`accepted ${JSON.stringify(bad)}`);
          } catch (e) {
            expect(e).toBeInstanceOf(InvalidSegmentError);
            expect((e as InvalidSegmentError).value).toBe(bad);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('builds the same key for the same input every time (consistent naming)', () => {
    fc.assert(
      fc.property(pathConfigArb, jobNameArb, neoTargetArb, (config, job, target) => {
        const a = new S3PathBuilder(config);
        const b = new S3PathBuilder(config);
        expect(a.compiledModelKey(job, target).value).toBe(b.compiledModelKey(job, target).value);
        expect(a.trainingOutputPath(job).toString()).toBe(b.trainingOutputPath(job).toString());
      }),
      { numRuns: 100 },
    );
  });
});
