// Feature: s3-structure-reorganization, Property 7: API response path format.
// For any record, new or still legacy, what the status use cases answer holds valid s3:// URIs
// in the new layout.
import { NEO_TARGETS, PathResolver, S3Uri } from '@edgecv/domain';
import fc from 'fast-check';
import { MemoryDeploymentRecords, MemoryTrainingRecords, RecordingTrainingService, edgeSettings, fixedClock } from './edgeWorld.fixture';
import { GetDeployment } from './GetDeployment';
import { GetTrainingJob } from './GetTrainingJob';

const nameArb = fc.stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,20}[a-zA-Z0-9])?$/);
const prefixArb = fc.constantFrom('', 'team-a');

/** How a training output was stored over the product's history: new layout or any legacy form. */
const trainingRootArb = fc.constantFrom('models/training', 'datasets//training-output', 'datasets/training-output', 'training-output');
const deploymentRootArb = fc.constantFrom('deployments', 'packaged-models', 'greengrass-components');

function expectNewLayout(resolver: PathResolver, bucket: string, uri: string): void {
  const parsed = S3Uri.parse(uri);
  expect(parsed.bucket).toBe(bucket);
  expect(resolver.classify(parsed.key.value).status).toBe('conforming');
}

describe('Property 7: API responses carry valid URIs in the new layout', () => {
  it('GetTrainingJob answers new-layout URIs for new and legacy records alike', async () => {
    await fc.assert(
      fc.asyncProperty(nameArb, prefixArb, trainingRootArb, async (jobName, prefix, root) => {
        const settings = edgeSettings('edge-bucket', prefix);
        const resolver = new PathResolver(settings.pathConfig);
        const records = new MemoryTrainingRecords();
        const folder = `s3://edge-bucket/${settings.pathConfig.withPrefix(`${root}/${jobName}`)}/`;
        await records.create({
          jobName,
          state: 'Completed',
          outputUri: folder,
          modelArtifactUri: `${folder}output/model.tar.gz`,
          inputDataUri: `s3://edge-bucket/${settings.pathConfig.withPrefix('datasets/raw/cats')}/`,
          trainingImage: 'img',
          instanceType: 'ml.m5.xlarge',
          createdAt: fixedClock.now(),
          updatedAt: fixedClock.now(),
        });
        const view = await new GetTrainingJob(new RecordingTrainingService(), records, fixedClock, settings).execute(jobName);
        expectNewLayout(resolver, 'edge-bucket', view.modelArtifactUri);
        expectNewLayout(resolver, 'edge-bucket', view.outputUri);
        expect(view.modelArtifactUri).toBe(`s3://edge-bucket/${settings.pathConfig.withPrefix(`models/training/${jobName}/output/model.tar.gz`)}`);
        expect(view.legacyRecord).toBe(root !== 'models/training');
      }),
      { numRuns: 100 },
    );
  });

  it('GetDeployment answers new-layout URIs for new and legacy records alike', async () => {
    await fc.assert(
      fc.asyncProperty(nameArb, prefixArb, deploymentRootArb, fc.constantFrom(...NEO_TARGETS), async (name, prefix, root, target) => {
        const settings = edgeSettings('edge-bucket', prefix);
        const resolver = new PathResolver(settings.pathConfig);
        const records = new MemoryDeploymentRecords();
        const files = ['model.tar.gz', 'config.json', 'component.zip'];
        await records.create({ name, artifactUris: files.map((f) => `s3://edge-bucket/${settings.pathConfig.withPrefix(`${root}/${name}/${f}`)}`), compilationJob: 'c', target, createdAt: fixedClock.now() });
        const view = await new GetDeployment(records, settings).execute(name);
        for (const uri of view.artifactUris) expectNewLayout(resolver, 'edge-bucket', uri);
        expect(view.artifactUris).toEqual(files.map((f) => `s3://edge-bucket/${settings.pathConfig.withPrefix(`deployments/${name}/${f}`)}`));
      }),
      { numRuns: 100 },
    );
  });
});
