// Feature: s3-structure-reorganization, Property 11: Lambda function path configuration.
// For any new training or compilation job, the requests given to SageMaker and Neo configure
// output paths in the new structure: whatever the services write lands in the layout.
import { NEO_TARGETS, PathResolver, S3PathBuilder, S3Uri } from '@edgecv/domain';
import fc from 'fast-check';
import { MemoryCompilationRecords, MemoryTrainingRecords, RecordingCompilationService, RecordingTrainingService, edgeSettings, fixedClock } from './edgeWorld.fixture';
import { StartCompilation } from './StartCompilation';
import { StartTrainingJob } from './StartTrainingJob';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
/** Names SageMaker accepts: alphanumerics joined by runs of hyphens, at most 30 long (room for a target suffix). */
const jobNameArb = fc
  .array(fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 })
  .chain((parts) => fc.array(fc.integer({ min: 1, max: 2 }), { minLength: parts.length, maxLength: parts.length }).map((dashes) => parts.map((p, i) => (i === 0 ? p : '-'.repeat(dashes[i] ?? 1) + p)).join('')));
const prefixArb = fc.constantFrom('', 'team-a', 'org/unit.1');
const targetsArb = fc.uniqueArray(fc.constantFrom(...NEO_TARGETS), { minLength: 1, maxLength: 4 });

/** Where SageMaker writes the model given a request (its documented behaviour). */
const sageMakerModelUri = (outputPath: string, jobName: string) => `${outputPath}${jobName}/output/model.tar.gz`;
/** Where Neo writes for an input `model.tar.gz`. */
const neoOutputUri = (outputLocation: string, target: string) => `${outputLocation}model-${target}.tar.gz`;

describe('Property 11: new jobs are configured on new paths', () => {
  it('a training job is given S3OutputPath = the training root and TrainingJobName = the job, so the model lands in models/training/{job}/', async () => {
    await fc.assert(
      fc.asyncProperty(jobNameArb, prefixArb, async (jobName, prefix) => {
        const settings = edgeSettings('edge-bucket', prefix);
        const paths = new S3PathBuilder(settings.pathConfig);
        const resolver = new PathResolver(settings.pathConfig);
        const service = new RecordingTrainingService();
        const started = await new StartTrainingJob(service, new MemoryTrainingRecords(), fixedClock, settings).execute({
          jobName,
          inputDataUri: 's3://edge-bucket/datasets/raw/x/',
          trainingImage: 'img',
        });
        const request = service.requests[0]!;
        expect(request.outputPath).toBe(paths.trainingOutputRoot().toString());
        expect(request.jobName).toBe(jobName);
        const written = sageMakerModelUri(request.outputPath, request.jobName);
        expect(written).toBe(started.modelArtifactUri);
        expect(S3Uri.parse(written).key.value).toBe(paths.trainingModelKey(jobName).value);
        expect(resolver.classify(S3Uri.parse(written).key.value)).toMatchObject({ status: 'conforming', artifactType: 'training-output' });
      }),
      { numRuns: 100 },
    );
  });

  it('a compilation job starts one Neo job per target with S3OutputLocation = models/compilation/{job}/{target}/', async () => {
    await fc.assert(
      fc.asyncProperty(jobNameArb, targetsArb, prefixArb, async (jobName, targets, prefix) => {
        const settings = edgeSettings('edge-bucket', prefix);
        const paths = new S3PathBuilder(settings.pathConfig);
        const resolver = new PathResolver(settings.pathConfig);
        const service = new RecordingCompilationService();
        const started = await new StartCompilation(service, new MemoryCompilationRecords(), new MemoryTrainingRecords(), fixedClock, settings).execute({
          jobName,
          targets,
          source: { modelUri: `s3://edge-bucket/${settings.pathConfig.withPrefix('models/training/t/output/model.tar.gz')}` },
          framework: 'PYTORCH',
          dataInputConfig: '{}',
        });
        expect(service.requests.map((r) => r.targetDevice).sort()).toEqual([...targets].sort());
        expect(new Set(service.requests.map((r) => r.neoJobName)).size).toBe(targets.length);
        for (const r of service.requests) {
          expect(r.outputLocation).toBe(paths.compilationOutputPath(jobName, r.targetDevice).toString());
          const written = S3Uri.parse(neoOutputUri(r.outputLocation, r.targetDevice)).key.value;
          expect(written).toBe(paths.neoOutputKey(jobName, r.targetDevice).value);
          expect(resolver.classify(written).status).toBe('conforming');
        }
        for (const t of started.targets) expect(S3Uri.parse(t.outputUri).key.value).toBe(paths.compiledModelKey(jobName, t.target).value);
      }),
      { numRuns: 100 },
    );
  });
});
