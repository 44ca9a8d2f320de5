// POST /assignments: an assignment with its questions, and its picture generated from a prompt,
// uploaded, or none. A picture that cannot be made or stored does not fail the request: the
// assignment is created without it (s3_upload_status failed, the reason in `image.message`).
import type { NewAssignmentImage } from '@edgecv/use-cases';
import { assignmentJson } from '../http/assignmentJson';
import { CreateAssignmentBody } from '../http/assignmentSchemas';
import { json } from '../http/http';
import { ASSIGNMENTS } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';
import { idempotent } from '../runtime/idempotency';

export const createAssignment = defineHandler('createAssignment', [ASSIGNMENTS], async (req, { edgecv }) => {
  const body = req.json(CreateAssignmentBody);
  const image: NewAssignmentImage = body.image
    ? { kind: 'generate', request: body.image }
    : body.imageBase64 !== undefined
      ? { kind: 'upload', bytes: Buffer.from(body.imageBase64, 'base64') }
      : { kind: 'none' };
  const created = await edgecv.assignments.createAssignment.execute({
    ...(body.assignmentId !== undefined ? { assignmentId: body.assignmentId } : {}),
    teacherId: body.teacherId,
    questions: body.questions,
    image,
    correlationId: req.header('x-correlation-id') ?? req.requestId,
  });
  return json(201, { ...created, assignment: assignmentJson(created.assignment) }, { location: `/assignments/${encodeURIComponent(created.assignment.assignmentId)}` });
}, { idempotent });

export const handler = createAssignment.lambda;
