// GET /training-jobs/{jobName}: state and full s3:// URIs in the new layout (legacy records too).
import { EDGE_TRAINING } from '@edgecv/container';
import { json } from '../http/http';
import { defineHandler } from '../runtime/defineHandler';

export const getTrainingJob = defineHandler('getTrainingJob', [EDGE_TRAINING], async (req, { edgecv }) =>
  json(200, await edgecv.edge.getTrainingJob.execute(req.param('jobName'))),
);

export const handler = getTrainingJob.lambda;
