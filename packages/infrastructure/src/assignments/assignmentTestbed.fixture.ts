// The assignment use cases wired as the container wires them, on the image testbed (the local
// S3 behind a fault proxy, MongoDB, sharp) with the local generator, counted.
import {
  CompleteAssignment,
  CreateAssignment,
  DeleteAssignment,
  DeleteAssignmentImage,
  GenerateImage,
  GetAssignment,
  ListAssignments,
  PreviewImage,
  StoreAssignmentImage,
  generationSettings,
  type GenerationSettings,
  type ImageGenerator,
} from '@edgecv/use-cases';
import { LocalImageGenerator } from '../generation/LocalImageGenerator';
import { startImageTestbed, type ImageTestbed } from '../image/imageTestbed.fixture';
import { MongoAssignmentCatalog } from '../mongo/MongoAssignmentCatalog';
import { MongoSubmissionRepository } from '../mongo/MongoSubmissionRepository';

export interface CountingGenerator extends ImageGenerator {
  calls: number;
  /** Replaces the next answers (e.g. a throttled model); undefined paints again. */
  fail?: () => Error;
}

export interface AssignmentTestbed extends ImageTestbed {
  readonly generator: CountingGenerator;
  readonly catalog: MongoAssignmentCatalog;
  readonly submissions: MongoSubmissionRepository;
  readonly generate: GenerateImage;
  readonly create: CreateAssignment;
  readonly list: ListAssignments;
  readonly get: GetAssignment;
  readonly complete: CompleteAssignment;
  readonly remove: DeleteAssignment;
  readonly preview: PreviewImage;
  readonly db: ReturnType<ImageTestbed['mongo']['client']['db']>;
}

export async function startAssignmentTestbed(settings: Partial<GenerationSettings> = {}): Promise<AssignmentTestbed> {
  const bed = await startImageTestbed();
  const db = bed.mongo.client.db(bed.collection.dbName);
  const local = new LocalImageGenerator();
  const generator: CountingGenerator = {
    model: local.model,
    calls: 0,
    async generate(request, options) {
      generator.calls++;
      if (generator.fail) throw generator.fail();
      return local.generate(request, options);
    },
  };
  const catalog = new MongoAssignmentCatalog(db);
  await catalog.ensureIndexes();
  const submissions = new MongoSubmissionRepository(db);
  await submissions.ensureIndexes();
  const deps = { store: bed.store, assignments: bed.assignments, clock: bed.clock, logger: bed.logger, config: bed.config, sleep: bed.sleep };
  const generate = new GenerateImage({ generator, store: bed.store, config: bed.config, settings: generationSettings({ backoffBaseMs: 5, backoffCapMs: 20, ...settings }), clock: bed.clock, logger: bed.logger, sleep: bed.sleep });
  const get = new GetAssignment({ catalog, store: bed.store, config: bed.config, logger: bed.logger });
  let now = bed.clock.now().getTime();
  // Every creation a millisecond later, as in life: the list order is then the creation order.
  const clock = { now: () => new Date((now += 1)) };
  return {
    ...bed,
    db,
    generator,
    catalog,
    submissions,
    generate,
    get,
    create: new CreateAssignment({ catalog, generate, storeImage: new StoreAssignmentImage({ ...deps, optimizer: bed.optimizer }), get, clock, logger: bed.logger }),
    list: new ListAssignments(catalog),
    complete: new CompleteAssignment(catalog, submissions, clock),
    remove: new DeleteAssignment(catalog, submissions, new DeleteAssignmentImage(deps)),
    preview: new PreviewImage(generate, bed.optimizer, bed.logger),
  };
}
