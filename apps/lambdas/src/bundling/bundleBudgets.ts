// How big each Lambda asset (index.mjs) may be, from the sizes measured (docs/benchmarks.md,
// "Lambda bundles"), plus about 5 %. A bundle over its budget fails src/bundles.int.test.ts:
// growing one is a decision to make in this file, not an accident.
import { driversOf } from './handlerDrivers';

/**
 * Handlers that parse no JSON body: the runtime frame, the container with every family's
 * adapters (its one composition root reaches them all) and the SDK clients: 1,156 KB measured.
 */
const NO_BODY = 1_215_000;
/** migrate-batch: no body, its events checked with zod/mini schemas: 1,177 KB measured. */
const MIGRATE_BATCH = 1_240_000;
/** With a zod request schema: 1,256 KB measured. */
const JSON_BODY = 1_305_000;
/**
 * An idempotent route with a JSON body: Powertools idempotency, its JMESPath engine and the
 * DynamoDB persistence layer add 50 KB (docs/api.md, Idempotency): 1,299 KB measured.
 */
const IDEMPOTENT_JSON_BODY = 1_365_000;
/** With the MongoDB driver and the Secrets Manager client that reads its URI: 2,001 KB measured. */
const MONGODB = 2_090_000;
/** MongoDB and idempotency (the image store, whose body is the image): 2,044 KB measured. */
const IDEMPOTENT_MONGODB = 2_150_000;
/** Both: 2,085 KB measured. */
const MONGODB_JSON_BODY = 2_185_000;
/** MongoDB, a JSON body and idempotency: 2,137 KB measured. */
const IDEMPOTENT_MONGODB_JSON_BODY = 2_245_000;

export const BUNDLE_BUDGETS: Readonly<Record<string, number>> = Object.freeze({
  getTrainingJob: NO_BODY,
  getCompilationStatus: NO_BODY,
  getDeployment: NO_BODY,
  migrateBatch: MIGRATE_BATCH,
  startTrainingJob: IDEMPOTENT_JSON_BODY,
  startCompilation: IDEMPOTENT_JSON_BODY,
  packageDeployment: IDEMPOTENT_JSON_BODY,
  publishComponent: IDEMPOTENT_JSON_BODY,
  createJob: IDEMPOTENT_JSON_BODY,
  createRun: IDEMPOTENT_JSON_BODY,
  uploadResults: IDEMPOTENT_JSON_BODY,
  listJobArtifacts: JSON_BODY,
  previewAssignmentImage: JSON_BODY,
  storeAssignmentImage: IDEMPOTENT_MONGODB,
  getAssignmentImage: MONGODB,
  getImageUrl: MONGODB,
  getAssignment: MONGODB,
  deleteAssignment: MONGODB,
  createAssignment: IDEMPOTENT_MONGODB_JSON_BODY,
  listAssignments: MONGODB_JSON_BODY,
  completeAssignment: IDEMPOTENT_MONGODB_JSON_BODY,
});

/** A handler not measured yet gets the budget of what it declares (sharp is a layer, not in the bundle). */
export function bundleBudget(entry: string): number {
  return BUNDLE_BUDGETS[entry] ?? (driversOf(entry).includes('mongodb') ? MONGODB_JSON_BODY : JSON_BODY);
}
