// Which routes are idempotent and how (docs/api.md, "Idempotency"), by handler entry: the route
// table, the OpenAPI document (the Idempotency-Key header), the handler frame and the CDK grants on
// the idempotency table all read this one table. A small module of its own so that every handler
// can read its policy without loading the request schemas of the whole API.

/**
 * `key`: by the client's Idempotency-Key header only, because the server chooses what is created
 * (a job id, an assignment id), so two equal requests are two creations on purpose.
 * `key-or-request`: by the header, else by the request itself (route, path, query, body as sent),
 * because the request names what it creates and an equal second one would be refused as a
 * duplicate anyway (409): keyed on the request, a retry gets the first answer instead.
 */
export type IdempotencyPolicy = 'key' | 'key-or-request';

/** The request header (API Gateway and serve pass header names in lower case). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer that was stored by an earlier request, not computed by this one. */
export const REPLAYED_HEADER = 'idempotent-replayed';

export const IDEMPOTENCY_POLICIES: Readonly<Record<string, IdempotencyPolicy>> = Object.freeze({
  // The body names the job (jobName); an equal second request was TRAINING_JOB_ALREADY_EXISTS.
  startTrainingJob: 'key-or-request',
  // The body names the compilation job; an equal second one was refused as existing.
  startCompilation: 'key-or-request',
  // The body names the deployment; an equal second one was DEPLOYMENT_ALREADY_EXISTS.
  packageDeployment: 'key-or-request',
  // The path names the deployment and the body the version (1.0.0 by default).
  publishComponent: 'key-or-request',
  // Results are write-once: an equal second upload was RESULTS_EXIST; another zip still is.
  uploadResults: 'key-or-request',
  // Ids are allocated by the server: `{}` twice is two jobs, two runs.
  createJob: 'key',
  createRun: 'key',
  // The image replaces the assignment's picture: storing it twice is harmless, a key saves the work.
  storeAssignmentImage: 'key',
  // The assignment id defaults to the creation time: an equal body twice is two assignments.
  createAssignment: 'key',
  // A new submission replaces the student's last one on purpose (`replaced: true`).
  completeAssignment: 'key',
  // Not here: POST /image-previews creates nothing durable (its picture is a cache entry, and
  // `fresh` asks for a new one), and its answer, a picture, may exceed DynamoDB's 400 KB item;
  // DELETE and GET routes are idempotent by nature.
});
