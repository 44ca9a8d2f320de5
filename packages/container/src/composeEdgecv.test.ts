// A composition holds the capabilities asked for and nothing else; asking again (several handlers
// in one process) loads each module once and merges groups of one name.
import { composeEdgecv } from './composeEdgecv';
import { configFromEnv } from './EdgecvConfig';
import { EDGE_DEPLOYMENTS, EDGE_TRAINING } from './modules/edgeModule';
import { MIGRATION } from './modules/migrationModule';
import { JOBS, RESULTS } from './modules/resultsModule';

// No server is reached: building use cases never connects.
const config = configFromEnv({ AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', EDGECV_ARTIFACT_BUCKET: 'compose-test-bucket', EDGECV_ML_SERVICES: 'simulated' });

describe('composeEdgecv', () => {
  it('offers only the groups of the capabilities it was given', async () => {
    const edgecv = composeEdgecv(config, [JOBS]);
    try {
      expect(Object.keys(edgecv.jobs).sort()).toEqual(['archiveJob', 'createJob', 'createRun', 'getJobArtifactUrls', 'getUploadLocation']);
      expect(edgecv.jobs.createJob.constructor.name).toBe('CreateJob');
      expect(Object.keys(edgecv)).not.toContain('results');
      expect((edgecv as unknown as Record<string, unknown>).edge).toBeUndefined();
    } finally {
      await edgecv.close();
    }
  });

  it('shares one container when more capabilities join, loading a module two capabilities need once', async () => {
    const edgecv = composeEdgecv(config, [JOBS]).use([RESULTS]);
    try {
      // jobsModule is in both: bound twice, resolving any of its use cases would be ambiguous.
      expect(edgecv.jobs.getJobArtifactUrls.constructor.name).toBe('GetJobArtifactUrls');
      expect(edgecv.results.storeRunResults.constructor.name).toBe('StoreRunResults');
      const store = (useCase: object) => (useCase as { store: unknown }).store;
      expect(store(edgecv.results.storeRunResults)).toBeDefined();
      expect(store(edgecv.results.storeRunResults)).toBe(store(edgecv.jobs.getJobArtifactUrls));
    } finally {
      await edgecv.close();
    }
  });

  it('merges the edge use cases of EDGE_TRAINING and EDGE_DEPLOYMENTS into one edge group', async () => {
    const training = composeEdgecv(config, [EDGE_TRAINING]);
    try {
      expect(Object.keys(training.edge).sort()).toEqual(['getCompilationStatus', 'getTrainingJob', 'startCompilation', 'startTrainingJob']);
      const both = training.use([EDGE_DEPLOYMENTS]);
      expect(both).toBe(training);
      expect(Object.keys(both.edge).sort()).toEqual(['getCompilationStatus', 'getDeployment', 'getTrainingJob', 'packageDeployment', 'publishComponent', 'startCompilation', 'startTrainingJob']);
      expect(both.edge.publishComponent.constructor.name).toBe('PublishComponent');
      expect(both.edge.getTrainingJob.constructor.name).toBe('GetTrainingJob');
    } finally {
      await training.close();
    }
  });

  it('opens a capability on first use only: the migration builds its adapters when reached', async () => {
    const edgecv = composeEdgecv(config, [MIGRATION]);
    try {
      expect(Object.getOwnPropertyDescriptor(edgecv, 'migration')?.get).toBeInstanceOf(Function);
      expect(typeof edgecv.migration.processBatch).toBe('function');
      expect(edgecv.migration).toBe(edgecv.migration);
    } finally {
      await edgecv.close();
    }
  });
});
