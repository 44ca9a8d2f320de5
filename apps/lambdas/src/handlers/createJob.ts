// POST /jobs: a job whose created_at fixes its S3 prefix for ever (spec 004).
import { json } from '../http/http';
import { CreateJobBody } from '../http/schemas';
import { JOBS } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';
import { idempotent } from '../runtime/idempotency';

export const createJob = defineHandler('createJob', [JOBS], async (req, { edgecv }) => {
  const job = await edgecv.jobs.createJob.execute(req.json(CreateJobBody));
  return json(201, { id: job.id, name: job.name, createdAt: job.createdAt.toISOString(), prefix: job.uri }, { location: `/jobs/${job.id}` });
}, { idempotent });

export const handler = createJob.lambda;
