// POST /jobs: a job whose created_at fixes its S3 prefix for ever (spec 004).
import { JobS3Prefix } from '@edgecv/domain';
import { json } from '../http/http';
import { CreateJobBody } from '../http/schemas';
import { defineHandler } from '../runtime/defineHandler';
import { idempotent } from '../runtime/idempotency';

export const createJob = defineHandler('createJob', async (req, { edgecv }) => {
  const job = await edgecv.createJob.execute(req.json(CreateJobBody));
  const prefix = JobS3Prefix.fromJob(job, edgecv.config.pathConfig);
  return json(201, { id: job.id, name: job.name, createdAt: job.createdAt.toISOString(), prefix: `s3://${edgecv.config.artifactBucket}/${prefix.folder}` }, { location: `/jobs/${job.id}` });
}, { idempotent });

export const handler = createJob.lambda;
