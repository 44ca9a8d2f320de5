// GET /compilation-jobs/{jobName}: per-target state and compiled models' s3:// URIs.
import { json } from '../http/http';
import { EDGE_TRAINING } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';

export const getCompilationStatus = defineHandler('getCompilationStatus', [EDGE_TRAINING], async (req, { edgecv }) =>
  json(200, await edgecv.edge.getCompilationStatus.execute(req.param('jobName'))),
);

export const handler = getCompilationStatus.lambda;
