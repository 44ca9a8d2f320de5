// PUT /jobs/{jobId}/runs/{runId}/results: a run's zipped results (an application/zip body, never
// text) stored under the job's one prefix as run_{runId}_results.zip; write-once unless ?replace=true.
import { json } from '../http/http';
import { validate } from '../http/HttpRequest';
import { RESULTS_MEDIA_TYPES } from '../http/mediaTypes';
import { positiveId, ReplaceQuery } from '../http/schemas';
import { RESULTS } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';
import { idempotent } from '../runtime/idempotency';

export const uploadResults = defineHandler('uploadResults', [RESULTS], async (req, { edgecv }) => {
  const jobId = validate(positiveId, req.param('jobId'), 'jobId');
  const runId = validate(positiveId, req.param('runId'), 'runId');
  const replace = validate(ReplaceQuery, req.query('replace'), 'replace') === 'true';
  const stored = await edgecv.results.storeRunResults.execute({ jobId, runId, archive: req.binary(RESULTS_MEDIA_TYPES), replace });
  return json(201, { ...stored, uploadedAt: stored.uploadedAt.toISOString() });
}, { idempotent });

export const handler = uploadResults.lambda;
