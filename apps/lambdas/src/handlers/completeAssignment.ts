// POST /assignments/{assignmentId}/answers: a student's answers, one per question.
import { CompleteAssignmentBody } from '../http/assignmentSchemas';
import { json } from '../http/http';
import { ASSIGNMENTS } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';
import { idempotent } from '../runtime/idempotency';

export const completeAssignment = defineHandler('completeAssignment', [ASSIGNMENTS], async (req, { edgecv }) => {
  const body = req.json(CompleteAssignmentBody);
  const done = await edgecv.assignments.completeAssignment.execute(req.param('assignmentId'), body);
  return json(201, done);
}, { idempotent });

export const handler = completeAssignment.lambda;
