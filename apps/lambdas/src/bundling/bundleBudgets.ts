// How big each Lambda asset (index.mjs) may be, from the sizes measured (docs/benchmarks.md,
// "Lambda bundles"), plus about 2 %, and never over 1 MB for a handler without MongoDB or sharp.
// A bundle over its budget fails src/bundles.int.test.ts: growing one is a decision to make in
// this file, not an accident. Each handler carries only the capabilities it declares
// (defineHandler), so the groups below follow the capability and what the route parses.
import { driversOf } from './handlerDrivers';

/** The target of issue 15 for every handler without MongoDB or sharp. */
export const LEAN_BUNDLE_LIMIT = 1_000_000;

/** EDGE_TRAINING or EDGE_DEPLOYMENTS, no body: the runtime frame, S3, DynamoDB, one ML client: 839,004 B measured. */
const EDGE_NO_BODY = 860_000;
/** JOBS with a zod query (presigned URLs): 878,984 B measured. */
const JOBS_QUERY = 900_000;
/** MIGRATION, its events checked with zod/mini schemas: 905,152 B measured. */
const MIGRATE_BATCH = 925_000;
/** JOBS, a zod body and Powertools idempotency (its JMESPath engine, DynamoDB persistence): 921,475 B measured. */
const JOBS_IDEMPOTENT = 945_000;
/** RESULTS (yauzl verifies the zip), a zod query and idempotency: 971,324 B measured. */
const RESULTS_IDEMPOTENT = 990_000;
/** EDGE_TRAINING (SageMaker) or EDGE_DEPLOYMENTS (Greengrass), a zod body and idempotency: 981,919 B measured. */
const EDGE_IDEMPOTENT = LEAN_BUNDLE_LIMIT;
/** ASSIGNMENTS with sharp from the layer (a preview is never stored): 969,209 B measured. */
const PREVIEW = 990_000;
/** IMAGES with the MongoDB driver and the Secrets Manager client that reads its URI: 1,642,297 B measured. */
const IMAGES_MONGODB = 1_690_000;
/** IMAGES, MongoDB and idempotency (the image store, whose body is the image): 1,684,773 B measured. */
const IMAGES_MONGODB_IDEMPOTENT = 1_730_000;
/** ASSIGNMENTS (images, generation) with MongoDB: 1,721,302 B measured. */
const ASSIGNMENTS_MONGODB = 1_765_000;
/** ASSIGNMENTS, MongoDB and a zod query: 1,805,686 B measured. */
const ASSIGNMENTS_MONGODB_QUERY = 1_850_000;
/** ASSIGNMENTS, MongoDB, a zod body and idempotency: 1,857,238 B measured. */
const ASSIGNMENTS_MONGODB_IDEMPOTENT = 1_905_000;

export const BUNDLE_BUDGETS: Readonly<Record<string, number>> = Object.freeze({
  getTrainingJob: EDGE_NO_BODY,
  getCompilationStatus: EDGE_NO_BODY,
  getDeployment: EDGE_NO_BODY,
  listJobArtifacts: JOBS_QUERY,
  migrateBatch: MIGRATE_BATCH,
  createJob: JOBS_IDEMPOTENT,
  createRun: JOBS_IDEMPOTENT,
  uploadResults: RESULTS_IDEMPOTENT,
  startTrainingJob: EDGE_IDEMPOTENT,
  startCompilation: EDGE_IDEMPOTENT,
  packageDeployment: EDGE_IDEMPOTENT,
  publishComponent: EDGE_IDEMPOTENT,
  previewAssignmentImage: PREVIEW,
  getAssignmentImage: IMAGES_MONGODB,
  getImageUrl: IMAGES_MONGODB,
  storeAssignmentImage: IMAGES_MONGODB_IDEMPOTENT,
  getAssignment: ASSIGNMENTS_MONGODB,
  deleteAssignment: ASSIGNMENTS_MONGODB,
  listAssignments: ASSIGNMENTS_MONGODB_QUERY,
  createAssignment: ASSIGNMENTS_MONGODB_IDEMPOTENT,
  completeAssignment: ASSIGNMENTS_MONGODB_IDEMPOTENT,
});

/** A handler not measured yet: 1 MB without drivers (sharp is a layer, not in the bundle), the largest MongoDB budget with. */
export function bundleBudget(entry: string): number {
  return BUNDLE_BUDGETS[entry] ?? (driversOf(entry).includes('mongodb') ? ASSIGNMENTS_MONGODB_IDEMPOTENT : LEAN_BUNDLE_LIMIT);
}
