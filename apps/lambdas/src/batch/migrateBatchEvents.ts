// The events migrate-batch is invoked with, as zod schemas Powertools Parser checks (its built-in
// schemas have no S3 Batch Operations event): S3 Batch Operations' invocation schema 1.0 (tasks name
// the bucket by ARN) and 2.0 (by name, with the job's userArguments), and a Step Functions
// Distributed Map batch of the plan's CSV manifest rows. The results are the aws-lambda types.
// zod/mini (the same schemas, functional checks): the handler loads 93 KB of zod otherwise.
import type { S3BatchResult, S3BatchResultResultCode } from 'aws-lambda';
import * as z from 'zod/mini';
import { EdgecvError } from '@edgecv/domain';

const text = z.string().check(z.minLength(1));
const taskId = text;
/** URL-encoded, as in the manifest. */
const s3Key = text;
const s3VersionId = z.optional(z.nullable(z.string()));

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-invoke-lambda.html (schema 1.0) */
export const S3BatchEventV1Schema = z.object({
  invocationSchemaVersion: z.literal('1.0'),
  invocationId: text,
  job: z.object({ id: text }),
  tasks: z.array(z.object({ taskId, s3Key, s3VersionId, s3BucketArn: z.string().check(z.startsWith('arn:')) })).check(z.minLength(1)),
});

/** Schema 2.0: the bucket by name, the job's userArguments (journalId). */
export const S3BatchEventV2Schema = z.object({
  invocationSchemaVersion: z.literal('2.0'),
  invocationId: text,
  job: z.object({ id: text, userArguments: z.optional(z.record(z.string(), z.string())) }),
  tasks: z.array(z.object({ taskId, s3Key, s3VersionId, s3Bucket: text })).check(z.minLength(1)),
});

/** ItemReader over the manifest CSV (headers Bucket, Key, VersionId), ItemBatcher with BatchInput. */
export const MapBatchEventSchema = z.object({
  Items: z.array(z.object({ Bucket: text, Key: text, VersionId: z.optional(z.string()) })),
  BatchInput: z.optional(z.object({ journalId: z.optional(text) })),
});

export const MigrateBatchEventSchema = z.union([z.discriminatedUnion('invocationSchemaVersion', [S3BatchEventV1Schema, S3BatchEventV2Schema]), MapBatchEventSchema]);

export type S3BatchEventV1 = z.infer<typeof S3BatchEventV1Schema>;
export type S3BatchEventV2 = z.infer<typeof S3BatchEventV2Schema>;
export type S3BatchEvent = S3BatchEventV1 | S3BatchEventV2;
export type MapBatchEvent = z.infer<typeof MapBatchEventSchema>;
export type MigrateBatchEvent = z.infer<typeof MigrateBatchEventSchema>;
export type { S3BatchResult, S3BatchResultResultCode };

export const RESULT_CODES: readonly S3BatchResultResultCode[] = ['Succeeded', 'TemporaryFailure', 'PermanentFailure'];

export function isS3BatchEvent(event: MigrateBatchEvent): event is S3BatchEvent {
  return 'invocationSchemaVersion' in event;
}

/** Neither an S3 Batch Operations invocation (1.0, 2.0) nor a Distributed Map batch. */
export class InvalidBatchEventError extends EdgecvError {
  readonly code = 'INVALID_BATCH_EVENT';
  constructor(readonly issues: readonly { readonly path: string; readonly message: string }[]) {
    super(`not an S3 Batch Operations invocation (schema 1.0 or 2.0) nor a Distributed Map batch: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidBatchEventError';
  }
}
