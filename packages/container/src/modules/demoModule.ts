// The demo's sample data (`edgecv demo`, `npm start`), built from the same ports as everything else.
import { ContainerModule } from 'inversify';
import {
  ClockToken,
  CompilationRecordRepositoryToken,
  DeploymentRecordRepositoryToken,
  JobRepositoryToken,
  ObjectStoreToken,
  SeedLegacyBucket,
  TrainingRecordRepositoryToken,
  type Clock,
  type CompilationRecordRepository,
  type DeploymentRecordRepository,
  type JobRepository,
  type ObjectStore,
  type TrainingRecordRepository,
} from '@edgecv/use-cases';
import { token } from '../Token';

export const DemoUseCases = {
  seedLegacyBucket: token<SeedLegacyBucket>('useCase.seedLegacyBucket'),
} as const;

export function demoModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(DemoUseCases.seedLegacyBucket).toDynamicValue(
      (ctx) =>
        new SeedLegacyBucket({
          store: ctx.get<ObjectStore>(ObjectStoreToken),
          jobs: ctx.get<JobRepository>(JobRepositoryToken),
          training: ctx.get<TrainingRecordRepository>(TrainingRecordRepositoryToken),
          compilation: ctx.get<CompilationRecordRepository>(CompilationRecordRepositoryToken),
          deployments: ctx.get<DeploymentRecordRepository>(DeploymentRecordRepositoryToken),
          clock: ctx.get<Clock>(ClockToken),
        }),
    );
  });
}
