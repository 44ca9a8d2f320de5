// Request shapes shared by handlers and the OpenAPI document. Field rules that belong to the
// domain (SageMaker names, Neo targets, S3 URIs) are checked again by the use cases with typed
// errors; these schemas only keep malformed requests out.
import { NEO_TARGETS } from '@edgecv/domain';
import { NEO_FRAMEWORKS } from '@edgecv/use-cases';
// A namespace import, so bundles keep only the zod builders used (the `z` object is all of zod, 0.4 MB).
import * as z from 'zod';

const jobName = z.string().min(1).max(63).describe('SageMaker job name: letters, digits and hyphens');
const s3Uri = z.string().startsWith('s3://').describe('an s3:// URI');

export const StartTrainingJobBody = z.strictObject({
  jobName,
  inputDataUri: s3Uri,
  trainingImage: z.string().min(1),
  instanceType: z.string().startsWith('ml.').optional(),
  instanceCount: z.number().int().min(1).max(100).optional(),
  hyperParameters: z.record(z.string(), z.string()).optional(),
});

export const StartCompilationBody = z.strictObject({
  jobName,
  targets: z.array(z.enum(NEO_TARGETS)).min(1).max(NEO_TARGETS.length),
  trainingJob: jobName.optional(),
  modelUri: s3Uri.optional(),
  framework: z.enum(NEO_FRAMEWORKS),
  dataInputConfig: z.string().min(2).describe('Neo input shape, e.g. {"input0":[1,3,224,224]}'),
}).refine((b) => (b.trainingJob === undefined) !== (b.modelUri === undefined), { message: 'give exactly one of trainingJob and modelUri', path: ['trainingJob'] });

export const PackageDeploymentBody = z.strictObject({
  name: z.string().min(1).max(128),
  compilationJob: jobName,
  target: z.enum(NEO_TARGETS),
  parameters: z.record(z.string(), z.unknown()).optional(),
});

export const PublishComponentBody = z.strictObject({
  componentVersion: z.string().regex(/^\d+\.\d+\.\d+$/).optional(),
});

export const CreateJobBody = z.strictObject({
  id: z.number().int().positive().optional(),
  name: z.string().min(1).max(256).optional(),
  createdAt: z.string().optional().describe('ISO 8601 with an offset or Z'),
});

export const CreateRunBody = z.strictObject({
  id: z.number().int().positive().optional(),
});

/** Path parameters that are numbers (job and run ids). */
export const positiveId = z.coerce.number().int().positive();

/** `?replace=true` on a results upload: results are write-once unless the request says so. */
export const ReplaceQuery = z
  .enum(['true', 'false'])
  .optional()
  .describe('true replaces the results stored before on purpose (kept as a noncurrent version where the bucket is versioned); without it a second upload is 409 RESULTS_EXIST');
