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
import type { Capability } from '../Capability';
import { token, useCaseGroup, type Resolved } from '../Token';
import { edgeModule } from './edgeModule';

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

/** The sample data writes training, compilation and deployment records: the edge module binds their repositories. */
export const DEMO: Capability<'demo', Resolved<typeof DemoUseCases>> = { name: 'demo', modules: [edgeModule, demoModule], open: (container) => useCaseGroup(container, DemoUseCases) };
