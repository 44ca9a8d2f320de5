// Assignments and their pictures (spec 003, issue 14): the generator (Bedrock Nova Canvas, or the
// local one on the embedded stack) behind one GenerateImage per process, so the bound on
// generations in flight holds for the whole process, and the portal's use cases over MongoDB.
import { ContainerModule, type ResolutionContext } from 'inversify';
import {
  AssignmentCatalogToken,
  ClockToken,
  CompleteAssignment,
  CreateAssignment,
  DeleteAssignment,
  GenerateImage,
  GetAssignment,
  ImageGeneratorToken,
  ImageOptimizerToken,
  ListAssignments,
  LoggerToken,
  PreviewImage,
  SubmissionRepositoryToken,
  generationSettings,
  type AssignmentCatalog,
  type Clock,
  type GenerationSettings,
  type ImageGenerator,
  type ImageOptimizer,
  type ImageStorageConfig,
  type Logger,
  type ObjectStore,
  type SubmissionRepository,
} from '@edgecv/use-cases';
import { BedrockImageGenerator, LocalImageGenerator } from '@edgecv/infrastructure/generation';
import { MongoAssignmentCatalog, MongoSubmissionRepository, type MongoConnection } from '@edgecv/infrastructure/mongo';

type Db = ReturnType<MongoConnection['client']['db']>;
import type { Capability } from '../Capability';
import type { EdgecvConfig } from '../EdgecvConfig';
import { token, useCaseGroup, type Resolved } from '../Token';
import { MongoToken } from '../tokens';
import type { MongoBox } from './coreModule';
import { ImageObjectStoreToken, ImageStorageConfigToken, ImagesUseCases, imagesModule } from './imagesModule';

export const AssignmentsUseCases = {
  createAssignment: token<CreateAssignment>('useCase.createAssignment'),
  listAssignments: token<ListAssignments>('useCase.listAssignments'),
  getAssignment: token<GetAssignment>('useCase.getAssignment'),
  completeAssignment: token<CompleteAssignment>('useCase.completeAssignment'),
  deleteAssignment: token<DeleteAssignment>('useCase.deleteAssignment'),
  previewImage: token<PreviewImage>('useCase.previewImage'),
  generateImage: token<GenerateImage>('useCase.generateImage'),
} as const;

export const GenerationSettingsToken = token<GenerationSettings>('GenerationSettings');

export function assignmentsModule(config: EdgecvConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    const g = config.generation;
    bind<ImageGenerator>(ImageGeneratorToken)
      .toDynamicValue(() =>
        g.generator === 'local'
          ? new LocalImageGenerator()
          : new BedrockImageGenerator({
              // Nova Canvas is not in every region: EDGECV_BEDROCK_REGION, else the config's region.
              region: g.region ?? config.region,
              ...(config.s3.credentials ? { credentials: config.s3.credentials } : {}),
              ...(g.modelId ? { modelId: g.modelId } : {}),
            }),
      )
      .onDeactivation((generator) => (generator instanceof BedrockImageGenerator ? generator.client.destroy() : undefined));
    bind<GenerationSettings>(GenerationSettingsToken).toConstantValue(generationSettings({ cache: g.cache, ...(g.maxInFlight ? { maxInFlight: g.maxInFlight } : {}), ...(g.budgetMs ? { budgetMs: g.budgetMs } : {}) }));

    // Used only once the connection and the indexes (unique id, list orders) are ready.
    const onMongo = <T>(ctx: ResolutionContext, build: (db: Db) => T & { ensureIndexes(): Promise<void> }): Promise<T> => {
      const ready = ctx
        .get<MongoBox>(MongoToken)
        .connection.then(async (c) => {
          const adapter = build(c.client.db(config.mongodb.database));
          await adapter.ensureIndexes();
          return adapter;
        });
      ready.catch(() => undefined); // reported to the calls, never as an unhandled rejection
      return ready;
    };
    bind<AssignmentCatalog>(AssignmentCatalogToken).toDynamicValue((ctx) => {
      const ready = onMongo(ctx, (db) => new MongoAssignmentCatalog(db));
      return {
        insert: async (a) => (await ready).insert(a),
        get: async (id) => (await ready).get(id),
        list: async (q) => (await ready).list(q),
        recordImageFailure: async (id, f, n) => (await ready).recordImageFailure(id, f, n),
        delete: async (id) => (await ready).delete(id),
      };
    });
    bind<SubmissionRepository>(SubmissionRepositoryToken).toDynamicValue((ctx) => {
      const ready = onMongo(ctx, (db) => new MongoSubmissionRepository(db));
      return {
        save: async (s) => (await ready).save(s),
        find: async (a, s) => (await ready).find(a, s),
        deleteForAssignment: async (a) => (await ready).deleteForAssignment(a),
      };
    });

    const store = (ctx: ResolutionContext) => ctx.get<ObjectStore>(ImageObjectStoreToken);
    const imageConfig = (ctx: ResolutionContext) => ctx.get<ImageStorageConfig>(ImageStorageConfigToken);
    const logger = (ctx: ResolutionContext) => ctx.get<Logger>(LoggerToken);
    const clock = (ctx: ResolutionContext) => ctx.get<Clock>(ClockToken);
    const catalog = (ctx: ResolutionContext) => ctx.get<AssignmentCatalog>(AssignmentCatalogToken);
    const submissions = (ctx: ResolutionContext) => ctx.get<SubmissionRepository>(SubmissionRepositoryToken);

    bind(AssignmentsUseCases.generateImage).toDynamicValue(
      (ctx) =>
        new GenerateImage({
          generator: ctx.get<ImageGenerator>(ImageGeneratorToken),
          store: store(ctx),
          config: imageConfig(ctx),
          settings: ctx.get<GenerationSettings>(GenerationSettingsToken),
          clock: clock(ctx),
          logger: logger(ctx),
        }),
    );
    bind(AssignmentsUseCases.getAssignment).toDynamicValue((ctx) => new GetAssignment({ catalog: catalog(ctx), store: store(ctx), config: imageConfig(ctx), logger: logger(ctx) }));
    bind(AssignmentsUseCases.listAssignments).toDynamicValue((ctx) => new ListAssignments(catalog(ctx)));
    bind(AssignmentsUseCases.createAssignment).toDynamicValue(
      (ctx) =>
        new CreateAssignment({
          catalog: catalog(ctx),
          generate: ctx.get(AssignmentsUseCases.generateImage),
          storeImage: ctx.get(ImagesUseCases.storeAssignmentImage),
          get: ctx.get(AssignmentsUseCases.getAssignment),
          clock: clock(ctx),
          logger: logger(ctx),
        }),
    );
    bind(AssignmentsUseCases.completeAssignment).toDynamicValue((ctx) => new CompleteAssignment(catalog(ctx), submissions(ctx), clock(ctx)));
    bind(AssignmentsUseCases.deleteAssignment).toDynamicValue((ctx) => new DeleteAssignment(catalog(ctx), submissions(ctx), ctx.get(ImagesUseCases.deleteAssignmentImage)));
    bind(AssignmentsUseCases.previewImage).toDynamicValue(
      (ctx) => new PreviewImage(ctx.get(AssignmentsUseCases.generateImage), ctx.get<ImageOptimizer>(ImageOptimizerToken), logger(ctx)),
    );
  });
}

/** The assignments use the images' store, optimiser and storing use case: both modules. */
export const ASSIGNMENTS: Capability<'assignments', Resolved<typeof AssignmentsUseCases>> = {
  name: 'assignments',
  modules: [imagesModule, assignmentsModule],
  open: (container) => useCaseGroup(container, AssignmentsUseCases),
};
