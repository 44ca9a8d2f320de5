// GET /assignments/{assignmentId}: the questions, and the URL the browser loads the picture from
// (CloudFront, or a presigned GET: straight from S3, never through the API), or the placeholder.
import { assignmentJson } from '../http/assignmentJson';
import { json } from '../http/http';
import { ASSIGNMENTS } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';

export const getAssignment = defineHandler('getAssignment', [ASSIGNMENTS], async (req, { edgecv }) => {
  const view = await edgecv.assignments.getAssignment.execute(req.param('assignmentId'), { correlationId: req.header('x-correlation-id') ?? req.requestId });
  return json(200, assignmentJson(view), { 'cache-control': 'no-store' });
});

export const handler = getAssignment.lambda;
