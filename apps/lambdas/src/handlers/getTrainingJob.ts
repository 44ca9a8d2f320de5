// GET /training-jobs/{jobName}: state and full s3:// URIs in the new layout (legacy records too).
import { json } from '../http/http';
import { EDGE_TRAINING } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';

export const getTrainingJob = defineHandler('getTrainingJob', [EDGE_TRAINING], async (req, { edgecv }) =>
  json(200, await edgecv.edge.getTrainingJob.execute(req.param('jobName'))),
);

export const handler = getTrainingJob.lambda;
