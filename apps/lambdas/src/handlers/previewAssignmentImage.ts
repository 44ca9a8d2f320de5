// POST /image-previews: the picture a prompt gives, optimised as it would be stored, with its
// size and compression, before the assignment exists (the teacher's create page). Creating the
// assignment with the same prompt and the answered seed reuses it from the cache.
import { ImageRequestBody } from '../http/assignmentSchemas';
import { json } from '../http/http';
import { ASSIGNMENTS } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';

export const previewAssignmentImage = defineHandler('previewAssignmentImage', [ASSIGNMENTS], async (req, { edgecv }) => {
  const preview = await edgecv.assignments.previewImage.execute(req.json(ImageRequestBody), { correlationId: req.header('x-correlation-id') ?? req.requestId });
  const { bytes, ...rest } = preview;
  return json(200, { ...rest, imageBase64: Buffer.from(bytes).toString('base64') });
});

export const handler = previewAssignmentImage.lambda;
