// GET /deployments/{name}: the deployment's artifacts (new layout) and its published component.
import { json } from '../http/http';
import { EDGE_DEPLOYMENTS } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';

export const getDeployment = defineHandler('getDeployment', [EDGE_DEPLOYMENTS], async (req, { edgecv }) =>
  json(200, await edgecv.edge.getDeployment.execute(req.param('name'))),
);

export const handler = getDeployment.lambda;
