// Jobs, runs and results (spec 004): the use cases on one job prefix.
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
import type { EdgecvConfig } from '../EdgecvConfig';
import { token } from '../Token';
import { ResultsSettingsToken } from '../tokens';

export const ResultsUseCases = {
  createJob: token<CreateJob>('useCase.createJob'),
  createRun: token<CreateRun>('useCase.createRun'),
  uploadResults: token<UploadResults>('useCase.uploadResults'),
  getUploadLocation: token<GetUploadLocation>('useCase.getUploadLocation'),
  getJobArtifactUrls: token<GetJobArtifactUrls>('useCase.getJobArtifactUrls'),
  archiveJob: token<ArchiveJob>('useCase.archiveJob'),
} as const;

export function resultsModule(config: EdgecvConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    const jobs = (ctx: ResolutionContext) => ctx.get<JobRepository>(JobRepositoryToken);
    const runs = (ctx: ResolutionContext) => ctx.get<RunRepository>(RunRepositoryToken);
    const store = (ctx: ResolutionContext) => ctx.get<ObjectStore>(ObjectStoreToken);
    const clock = (ctx: ResolutionContext) => ctx.get<Clock>(ClockToken);
    const settings = (ctx: ResolutionContext) => ctx.get<ResultsSettings>(ResultsSettingsToken);

    bind<ResultsSettings>(ResultsSettingsToken).toConstantValue({ bucket: config.artifactBucket, pathConfig: config.pathConfig });
    bind<ResultsPackager>(ResultsPackagerToken).toDynamicValue(() => new YazlResultsPackager());
    bind<ResultsArchiveVerifier>(ResultsArchiveVerifierToken).toDynamicValue(() => new YauzlResultsArchiveVerifier());
    bind(ResultsUseCases.createJob).toDynamicValue((ctx) => new CreateJob(jobs(ctx), clock(ctx)));
    bind(ResultsUseCases.createRun).toDynamicValue((ctx) => new CreateRun(jobs(ctx), runs(ctx), clock(ctx)));
    bind(ResultsUseCases.uploadResults).toDynamicValue(
      (ctx) => new UploadResults(jobs(ctx), runs(ctx), ctx.get<ResultsPackager>(ResultsPackagerToken), store(ctx), clock(ctx), settings(ctx)),
    );
    bind(ResultsUseCases.getUploadLocation).toDynamicValue((ctx) => new GetUploadLocation(jobs(ctx), runs(ctx), store(ctx), settings(ctx)));
    bind(ResultsUseCases.getJobArtifactUrls).toDynamicValue((ctx) => new GetJobArtifactUrls(jobs(ctx), store(ctx), settings(ctx)));
    bind(ResultsUseCases.archiveJob).toDynamicValue((ctx) => new ArchiveJob(jobs(ctx), store(ctx), clock(ctx), settings(ctx)));
  });
}
