// POST /compilation-jobs: one Neo compilation job per target.
import { json } from '../http/http';
import { StartCompilationBody } from '../http/schemas';
import { EDGE_TRAINING } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';
import { idempotent } from '../runtime/idempotency';

export const startCompilation = defineHandler('startCompilation', [EDGE_TRAINING], async (req, { edgecv }) => {
  const { trainingJob, modelUri, ...rest } = req.json(StartCompilationBody);
  const source = trainingJob !== undefined ? { trainingJob } : { modelUri: modelUri as string };
  const started = await edgecv.edge.startCompilation.execute({ ...rest, source });
  return json(201, started, { location: `/compilation-jobs/${started.jobName}` });
}, { idempotent });

export const handler = startCompilation.lambda;
