// POST /jobs/{jobId}/runs: a run of a job.
import { json } from '../http/http';
import { validate } from '../http/HttpRequest';
import { CreateRunBody, positiveId } from '../http/schemas';
import { JOBS } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';
import { idempotent } from '../runtime/idempotency';

export const createRun = defineHandler('createRun', [JOBS], async (req, { edgecv }) => {
  const jobId = validate(positiveId, req.param('jobId'), 'jobId');
  const run = await edgecv.jobs.createRun.execute({ jobId, ...req.json(CreateRunBody) });
  return json(201, { id: run.id, jobId: run.jobId, createdAt: run.createdAt.toISOString() });
}, { idempotent });

export const handler = createRun.lambda;
