// Assignment images (spec 003): the sharp optimiser, MongoDB assignments, and an S3 store whose
// SDK retries are off: spec 003 gives the image use cases their own schedule (1 s / 2 s / 4 s,
// the attempts recorded on the assignment), so for these requests the use case is the one layer
// that retries (two layers would multiply the attempts).
import { ContainerModule, type ResolutionContext } from 'inversify';
import {
  AssignmentRepositoryToken,
  BackfillImages,
  ClockToken,
  DeleteAssignmentImage,
  GetAssignmentImage,
  GetImageUrl,
  ImageOptimizerToken,
  LoggerToken,
  OptimizeImage,
  StoreAssignmentImage,
  imageStorageConfig,
  type AssignmentRepository,
  type Clock,
  type ImageOptimizer,
  type ImageStorageConfig,
  type Logger,
  type ObjectStore,
} from '@edgecv/use-cases';
import { MongoAssignmentRepository } from '@edgecv/infrastructure/mongo';
import { S3ObjectStore } from '@edgecv/infrastructure/s3';
import type { Capability } from '../Capability';
import type { EdgecvConfig } from '../EdgecvConfig';
import { imageOptimizer } from '../images';
import { token, useCaseGroup, type Resolved } from '../Token';
import { MongoToken } from '../tokens';
import type { MongoBox } from './coreModule';

export const ImagesUseCases = {
  storeAssignmentImage: token<StoreAssignmentImage>('useCase.storeAssignmentImage'),
  getAssignmentImage: token<GetAssignmentImage>('useCase.getAssignmentImage'),
  deleteAssignmentImage: token<DeleteAssignmentImage>('useCase.deleteAssignmentImage'),
  getImageUrl: token<GetImageUrl>('useCase.getImageUrl'),
  backfillImages: token<BackfillImages>('useCase.backfillImages'),
  /** The optimiser on its own (`edgecv images optimize`): no storage involved. */
  optimizeImage: token<OptimizeImage>('useCase.optimizeImage'),
} as const;

export const ImageStorageConfigToken = token<ImageStorageConfig>('ImageStorageConfig');
/** The S3 store of the image use cases: one attempt per call, they own the retries. */
export const ImageObjectStoreToken = token<ObjectStore>('images.ObjectStore');

export function imagesModule(config: EdgecvConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<ImageOptimizer>(ImageOptimizerToken).toDynamicValue(imageOptimizer);
    bind<ImageStorageConfig>(ImageStorageConfigToken).toConstantValue(
      imageStorageConfig({ bucket: config.images.bucket, ...(config.images.cloudfrontDomain ? { cloudfrontDomain: config.images.cloudfrontDomain } : {}) }),
    );
    bind<ObjectStore>(ImageObjectStoreToken)
      .toDynamicValue(() => new S3ObjectStore({ ...config.s3, retry: { attempts: 1, mode: 'standard' } }))
      .onDeactivation((store) => (store as S3ObjectStore).client.destroy());
    bind<AssignmentRepository>(AssignmentRepositoryToken).toDynamicValue((ctx) => {
      const ready = ctx
        .get<MongoBox>(MongoToken)
        .connection.then(async (c) => {
          const repository = new MongoAssignmentRepository(c.client.db(config.mongodb.database));
          await repository.ensureIndexes();
          return repository;
        });
      ready.catch(() => undefined); // reported to the calls below, never as an unhandled rejection
      // Used only once the connection and the unique index on the assignment id are ready.
      return {
        find: async (id) => (await ready).find(id),
        upsertImage: async (id, update) => (await ready).upsertImage(id, update),
        clearImage: async (id) => (await ready).clearImage(id),
        legacyImages: async function* () {
          yield* (await ready).legacyImages();
        },
      };
    });

    const deps = (ctx: ResolutionContext) => ({
      store: ctx.get<ObjectStore>(ImageObjectStoreToken),
      assignments: ctx.get<AssignmentRepository>(AssignmentRepositoryToken),
      clock: ctx.get<Clock>(ClockToken),
      logger: ctx.get<Logger>(LoggerToken),
      config: ctx.get<ImageStorageConfig>(ImageStorageConfigToken),
    });
    const optimizer = (ctx: ResolutionContext) => ctx.get<ImageOptimizer>(ImageOptimizerToken);
    bind(ImagesUseCases.storeAssignmentImage).toDynamicValue((ctx) => new StoreAssignmentImage({ ...deps(ctx), optimizer: optimizer(ctx) }));
    bind(ImagesUseCases.getAssignmentImage).toDynamicValue((ctx) => new GetAssignmentImage(deps(ctx)));
    bind(ImagesUseCases.deleteAssignmentImage).toDynamicValue((ctx) => new DeleteAssignmentImage(deps(ctx)));
    bind(ImagesUseCases.getImageUrl).toDynamicValue((ctx) => new GetImageUrl(deps(ctx)));
    bind(ImagesUseCases.backfillImages).toDynamicValue((ctx) => new BackfillImages({ ...deps(ctx), optimizer: optimizer(ctx) }));
    bind(ImagesUseCases.optimizeImage).toDynamicValue((ctx) => new OptimizeImage(optimizer(ctx)));
  });
}

export const IMAGES: Capability<'images', Resolved<typeof ImagesUseCases>> = { name: 'images', modules: [imagesModule], open: (container) => useCaseGroup(container, ImagesUseCases) };
