// GET /jobs/{jobId}/artifacts: every artifact under the job's prefix, with s3:// URIs and presigned GETs.
import { json } from '../http/http';
import { validate } from '../http/HttpRequest';
import { positiveId } from '../http/schemas';
import { JOBS } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';
// A namespace import, so bundles keep only the zod builders used (the `z` object is all of zod, 0.4 MB).
import * as z from 'zod';

const expires = z.coerce.number().int().min(1).max(604800).optional();

export const listJobArtifacts = defineHandler('listJobArtifacts', [JOBS], async (req, { edgecv }) => {
  const jobId = validate(positiveId, req.param('jobId'), 'jobId');
  const expirySeconds = validate(expires, req.query('expires'), 'expires');
  const r = await edgecv.jobs.getJobArtifactUrls.execute({ jobId, ...(expirySeconds !== undefined ? { expirySeconds } : {}) });
  return json(200, {
    jobId: r.jobId,
    prefix: `s3://${r.bucket}/${r.prefix}`,
    artifacts: r.artifacts.map((a) => ({ name: a.name, uri: `s3://${r.bucket}/${a.key}`, size: a.size, lastModified: a.lastModified.toISOString(), url: a.url, expiresAt: a.expiresAt.toISOString() })),
  });
});

export const handler = listJobArtifacts.lambda;
