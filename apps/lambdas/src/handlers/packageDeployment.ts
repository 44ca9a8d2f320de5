// POST /deployments: model.tar.gz, config.json and component.zip under deployments/{name}/.
import { json } from '../http/http';
import { PackageDeploymentBody } from '../http/schemas';
import { EDGE_DEPLOYMENTS } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';
import { idempotent } from '../runtime/idempotency';

export const packageDeployment = defineHandler('packageDeployment', [EDGE_DEPLOYMENTS], async (req, { edgecv }) => {
  const packaged = await edgecv.edge.packageDeployment.execute(req.json(PackageDeploymentBody));
  return json(201, packaged, { location: `/deployments/${packaged.name}` });
}, { idempotent });

export const handler = packageDeployment.lambda;
