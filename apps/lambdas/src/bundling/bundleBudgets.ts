// How big each Lambda asset (index.mjs) may be, from the sizes measured (docs/benchmarks.md,
// "Lambda bundles"), plus about 5 %. A bundle over its budget fails src/bundles.int.test.ts:
// growing one is a decision to make in this file, not an accident.
import { driversOf } from './handlerDrivers';

/**
 * Handlers that parse no JSON body: the runtime frame, the container with every family's
 * adapters (its one composition root reaches them all) and the SDK clients: 1,143 KB measured.
 */
const NO_BODY = 1_200_000;
/** With a zod request schema: 1,244 KB measured. */
const JSON_BODY = 1_305_000;
/** With the MongoDB driver and the Secrets Manager client that reads its URI: 1,988 KB measured. */
const MONGODB = 2_090_000;
/** Both: 2,081 KB measured. */
const MONGODB_JSON_BODY = 2_185_000;

export const BUNDLE_BUDGETS: Readonly<Record<string, number>> = Object.freeze({
  getTrainingJob: NO_BODY,
  getCompilationStatus: NO_BODY,
  getDeployment: NO_BODY,
  migrateBatch: NO_BODY,
  startTrainingJob: JSON_BODY,
  startCompilation: JSON_BODY,
  packageDeployment: JSON_BODY,
  publishComponent: JSON_BODY,
  createJob: JSON_BODY,
  createRun: JSON_BODY,
  uploadResults: JSON_BODY,
  listJobArtifacts: JSON_BODY,
  previewAssignmentImage: JSON_BODY,
  storeAssignmentImage: MONGODB,
  getAssignmentImage: MONGODB,
  getImageUrl: MONGODB,
  getAssignment: MONGODB,
  deleteAssignment: MONGODB,
  createAssignment: MONGODB_JSON_BODY,
  listAssignments: MONGODB_JSON_BODY,
  completeAssignment: MONGODB_JSON_BODY,
});

/** A handler not measured yet gets the budget of what it declares (sharp is a layer, not in the bundle). */
export function bundleBudget(entry: string): number {
  return BUNDLE_BUDGETS[entry] ?? (driversOf(entry).includes('mongodb') ? MONGODB_JSON_BODY : JSON_BODY);
}
