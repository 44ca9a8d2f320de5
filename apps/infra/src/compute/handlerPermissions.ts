// What each handler may touch, as data: tables it reads or writes, artifact-bucket prefixes it
// reads, writes or lists, and the ML service actions it calls. Grants are built from this table
// only, so a review of this file is a review of every Lambda's IAM policy. A handler missing here
// fails the synth (and its test), so a new handler cannot ship with a guessed policy. What a
// handler's drivers need (the sharp layer, the MongoDB secret) follows from HANDLER_DRIVERS.
import type { TableKey } from '@edgecv/infrastructure/dynamodb';

export type ArtifactPrefix = 'datasets' | 'models' | 'deployments' | 'jobs';

export interface HandlerPermissions {
  readonly tablesRead?: readonly TableKey[];
  readonly tablesWrite?: readonly TableKey[];
  /** GetObject / HeadObject under `{P}/{prefix}/` (also what a presigned GET needs). */
  readonly s3Read?: readonly ArtifactPrefix[];
  /** PutObject (incl. multipart) under `{P}/{prefix}/`. */
  readonly s3Write?: readonly ArtifactPrefix[];
  /** ListBucket limited by s3:prefix to `{P}/{prefix}/`. */
  readonly s3List?: readonly ArtifactPrefix[];
  /** SageMaker actions on training/compilation jobs; PassRole of the execution role when starting one. */
  readonly sagemaker?: readonly ('CreateTrainingJob' | 'DescribeTrainingJob' | 'CreateCompilationJob' | 'DescribeCompilationJob')[];
  readonly greengrass?: readonly ('CreateComponentVersion' | 'DescribeComponent')[];
  /**
   * Objects under generated_images/ in the image bucket (spec 003): read, write, delete; list is
   * ListBucket limited to that prefix, so a HEAD of a missing image answers 404, not 403;
   * readVersions is s3:GetObjectVersion, for a GET pinned to the version a HEAD saw (the bucket is versioned).
   */
  readonly images?: readonly ('read' | 'readVersions' | 'write' | 'delete' | 'list')[];
  /** bedrock:InvokeModel on the one image model (Nova Canvas) and nothing else. */
  readonly bedrock?: readonly 'InvokeModel'[];
  /**
   * Reads and writes its idempotency records (Powertools: GetItem, PutItem, UpdateItem, DeleteItem
   * on the idempotency table). Set by the stack from the route table (IDEMPOTENCY_POLICIES of
   * apps/lambdas), never by hand here.
   */
  readonly idempotency?: boolean;
}

export const HANDLER_PERMISSIONS: Readonly<Record<string, HandlerPermissions>> = Object.freeze({
  startTrainingJob: { tablesWrite: ['training'], tablesRead: ['training'], s3Read: ['datasets'], s3List: ['datasets'], sagemaker: ['CreateTrainingJob'] },
  getTrainingJob: { tablesRead: ['training'], tablesWrite: ['training'], s3List: ['models'], sagemaker: ['DescribeTrainingJob'] },
  startCompilation: { tablesRead: ['training', 'compilation'], tablesWrite: ['compilation'], s3Read: ['models'], sagemaker: ['CreateCompilationJob'] },
  // Promotes Neo's {model}-{target}.tar.gz to {target}/model.tar.gz once a target completes.
  getCompilationStatus: { tablesRead: ['compilation'], tablesWrite: ['compilation'], s3Read: ['models'], s3Write: ['models'], s3List: ['models'], sagemaker: ['DescribeCompilationJob'] },
  packageDeployment: { tablesRead: ['compilation', 'deployments'], tablesWrite: ['deployments'], s3Read: ['models'], s3Write: ['deployments'] },
  getDeployment: { tablesRead: ['deployments'], s3List: ['deployments'] },
  publishComponent: { tablesRead: ['deployments'], tablesWrite: ['deployments'], s3Read: ['deployments'], greengrass: ['CreateComponentVersion', 'DescribeComponent'] },
  createJob: { tablesRead: ['jobs', 'counters'], tablesWrite: ['jobs', 'counters'] },
  createRun: { tablesRead: ['jobs', 'runs', 'counters'], tablesWrite: ['runs', 'counters'] },
  // Results are write-once: a HEAD of the key first, which needs ListBucket to see a 404 instead of a 403.
  uploadResults: { tablesRead: ['jobs', 'runs'], tablesWrite: ['runs'], s3Write: ['jobs'], s3Read: ['jobs'], s3List: ['jobs'] },
  listJobArtifacts: { tablesRead: ['jobs', 'runs'], s3Read: ['jobs'], s3List: ['jobs'] },
  // The image handlers also read MongoDB's URI from its secret: HANDLER_DRIVERS of apps/lambdas.
  storeAssignmentImage: { images: ['read', 'write'] },
  // The GET is pinned to the version its HEAD saw (GetObjectVersion on the versioned bucket), and a
  // missing image must answer 404 (the placeholder), not 403 (ListBucket): `images get` needs the same.
  getAssignmentImage: { images: ['read', 'readVersions', 'list'] },
  // A presigned GET is only as good as the signer's own s3:GetObject.
  getImageUrl: { images: ['read'] },
  // The assignment handlers keep their documents in MongoDB as the image handlers do (HANDLER_DRIVERS).
  // Generation reads and writes generated_images/cache/ and stores generated_images/{id}.webp.
  createAssignment: { images: ['read', 'write', 'list'], bedrock: ['InvokeModel'] },
  listAssignments: {},
  getAssignment: { images: ['read', 'list'] },
  completeAssignment: {},
  deleteAssignment: { images: ['read', 'delete', 'list'] },
  previewAssignmentImage: { images: ['read', 'write', 'list'], bedrock: ['InvokeModel'] },
});
