// Jobs, runs and results (spec 004): the use cases on one job prefix, grouped for the apps as
// `jobs` (jobs, runs and what lives under a job's prefix) and `results` (a run's results, from a
// directory or as a zip body). Two modules, so that only the results carry the zip libraries.
import { ContainerModule, type ResolutionContext } from 'inversify';
import {
  ArchiveJob,
  ClockToken,
  CreateJob,
  CreateRun,
  GetJobArtifactUrls,
  GetUploadLocation,
  JobRepositoryToken,
  ObjectStoreToken,
  ResultsArchiveVerifierToken,
  ResultsPackagerToken,
  RunRepositoryToken,
  StoreRunResults,
  UploadResults,
  type Clock,
  type JobRepository,
  type ObjectStore,
  type ResultsArchiveVerifier,
  type ResultsPackager,
  type ResultsSettings,
  type RunRepository,
} from '@edgecv/use-cases';
import { YauzlResultsArchiveVerifier, YazlResultsPackager } from '@edgecv/infrastructure/archive';
import type { Capability } from '../Capability';
import type { EdgecvConfig } from '../EdgecvConfig';
import { token, useCaseGroup, type Resolved } from '../Token';
import { ResultsSettingsToken } from '../tokens';

export const JobsUseCases = {
  createJob: token<CreateJob>('useCase.createJob'),
  createRun: token<CreateRun>('useCase.createRun'),
  getUploadLocation: token<GetUploadLocation>('useCase.getUploadLocation'),
  getJobArtifactUrls: token<GetJobArtifactUrls>('useCase.getJobArtifactUrls'),
  archiveJob: token<ArchiveJob>('useCase.archiveJob'),
} as const;

export const ResultsUseCases = {
  /** A results directory, zipped as it streams (the CLI). */
  uploadResults: token<UploadResults>('useCase.uploadResults'),
  /** A zip body, verified before it is stored (the HTTP API). */
  storeRunResults: token<StoreRunResults>('useCase.storeRunResults'),
} as const;

// What both groups resolve, from the bindings of the core module and jobsModule.
const jobs = (ctx: ResolutionContext) => ctx.get<JobRepository>(JobRepositoryToken);
const runs = (ctx: ResolutionContext) => ctx.get<RunRepository>(RunRepositoryToken);
const store = (ctx: ResolutionContext) => ctx.get<ObjectStore>(ObjectStoreToken);
const clock = (ctx: ResolutionContext) => ctx.get<Clock>(ClockToken);
const settings = (ctx: ResolutionContext) => ctx.get<ResultsSettings>(ResultsSettingsToken);

/** Jobs, runs and the locations under a job's prefix; the results settings both groups read. */
export function jobsModule(config: EdgecvConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<ResultsSettings>(ResultsSettingsToken).toConstantValue({ bucket: config.artifactBucket, pathConfig: config.pathConfig });
    bind(JobsUseCases.createJob).toDynamicValue((ctx) => new CreateJob(jobs(ctx), clock(ctx), settings(ctx)));
    bind(JobsUseCases.createRun).toDynamicValue((ctx) => new CreateRun(jobs(ctx), runs(ctx), clock(ctx)));
    bind(JobsUseCases.getUploadLocation).toDynamicValue((ctx) => new GetUploadLocation(jobs(ctx), runs(ctx), store(ctx), settings(ctx)));
    bind(JobsUseCases.getJobArtifactUrls).toDynamicValue((ctx) => new GetJobArtifactUrls(jobs(ctx), store(ctx), settings(ctx)));
    bind(JobsUseCases.archiveJob).toDynamicValue((ctx) => new ArchiveJob(jobs(ctx), store(ctx), clock(ctx), settings(ctx)));
  });
}

/** A run's results: zipped from a directory (yazl) or verified as a zip body (yauzl). */
export function resultsModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<ResultsPackager>(ResultsPackagerToken).toDynamicValue(() => new YazlResultsPackager());
    bind<ResultsArchiveVerifier>(ResultsArchiveVerifierToken).toDynamicValue(() => new YauzlResultsArchiveVerifier());
    bind(ResultsUseCases.uploadResults).toDynamicValue(
      (ctx) => new UploadResults(jobs(ctx), runs(ctx), ctx.get<ResultsPackager>(ResultsPackagerToken), store(ctx), clock(ctx), settings(ctx)),
    );
    bind(ResultsUseCases.storeRunResults).toDynamicValue(
      (ctx) => new StoreRunResults(jobs(ctx), runs(ctx), store(ctx), ctx.get<ResultsArchiveVerifier>(ResultsArchiveVerifierToken), clock(ctx), settings(ctx)),
    );
  });
}

export const JOBS: Capability<'jobs', Resolved<typeof JobsUseCases>> = { name: 'jobs', modules: [jobsModule], open: (container) => useCaseGroup(container, JobsUseCases) };

export const RESULTS: Capability<'results', Resolved<typeof ResultsUseCases>> = { name: 'results', modules: [jobsModule, resultsModule], open: (container) => useCaseGroup(container, ResultsUseCases) };
