// POST /deployments/{name}/component: publish a Greengrass component version of the deployment.
import { json } from '../http/http';
import { PublishComponentBody } from '../http/schemas';
import { EDGE_DEPLOYMENTS } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';
import { idempotent } from '../runtime/idempotency';

export const publishComponent = defineHandler('publishComponent', [EDGE_DEPLOYMENTS], async (req, { edgecv }) => {
  const { componentVersion } = req.json(PublishComponentBody);
  const published = await edgecv.edge.publishComponent.execute({ deployment: req.param('name'), ...(componentVersion ? { componentVersion } : {}) });
  return json(201, published);
}, { idempotent });

export const handler = publishComponent.lambda;
