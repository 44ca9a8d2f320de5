// How big each Lambda asset (index.mjs) may be, from the sizes measured when the bundles became
// lean (docs/benchmarks.md, "Lambda bundles"), plus about 5 %. A bundle over its budget fails
// src/bundles.int.test.ts: growing one is a decision to make in this file, not an accident.
import { driversOf } from './handlerDrivers';

/** Handlers that parse no JSON body: the runtime frame, the container and the SDK clients (989 KB measured). */
const NO_BODY = 1_040_000;
/** With a zod request schema (zod's classic API is ~97 KB of the bundle): 1,090 KB measured. */
const JSON_BODY = 1_145_000;
/** With the MongoDB driver and the Secrets Manager client that reads its URI: 1,834 KB measured. */
const MONGODB = 1_930_000;

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
  storeAssignmentImage: MONGODB,
  getAssignmentImage: MONGODB,
  getImageUrl: MONGODB,
});

/** A handler not measured yet gets the budget of what it declares (sharp is a layer, not in the bundle). */
export function bundleBudget(entry: string): number {
  return BUNDLE_BUDGETS[entry] ?? (driversOf(entry).includes('mongodb') ? MONGODB : JSON_BODY);
}
