// GET /assignments/{assignmentId}/image: the image's bytes; when there is none (no document, no
// image, object missing or unreadable) a 404 carrying the placeholder answer of spec 003 property 9.
import { binary, json } from '../http/http';
import { IMAGES } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';

export const getAssignmentImage = defineHandler('getAssignmentImage', [IMAGES], async (req, { edgecv }) => {
  const image = await edgecv.images.getAssignmentImage.execute(req.param('assignmentId'), { correlationId: req.header('x-correlation-id') ?? req.requestId });
  if (!image.found) return json(404, { placeholder: true, assignmentId: image.assignmentId, reason: image.reason, message: image.message, correlationId: image.correlationId });
  return binary(200, image.bytes, image.contentType, { 'cache-control': 'private, max-age=60', 'x-correlation-id': image.correlationId });
});

export const handler = getAssignmentImage.lambda;
