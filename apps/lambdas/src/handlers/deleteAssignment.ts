// DELETE /assignments/{assignmentId}: the assignment, its picture and its submissions.
import { json } from '../http/http';
import { ASSIGNMENTS } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';

export const deleteAssignment = defineHandler('deleteAssignment', [ASSIGNMENTS], async (req, { edgecv }) => {
  const deleted = await edgecv.assignments.deleteAssignment.execute(req.param('assignmentId'), { correlationId: req.header('x-correlation-id') ?? req.requestId });
  return json(200, deleted);
});

export const handler = deleteAssignment.lambda;
