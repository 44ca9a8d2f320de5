// POST /training-jobs: start a SageMaker training job on the new layout.
import { json } from '../http/http';
import { StartTrainingJobBody } from '../http/schemas';
import { EDGE_TRAINING } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';
import { idempotent } from '../runtime/idempotency';

export const startTrainingJob = defineHandler('startTrainingJob', [EDGE_TRAINING], async (req, { edgecv }) => {
  const started = await edgecv.edge.startTrainingJob.execute(req.json(StartTrainingJobBody));
  return json(201, started, { location: `/training-jobs/${started.jobName}` });
}, { idempotent });

export const handler = startTrainingJob.lambda;
