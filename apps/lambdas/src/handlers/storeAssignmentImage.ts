// PUT /assignments/{assignmentId}/image: optimise (WebP, fit 1024), upload with metadata and
// retries, record it on the assignment (spec 003). The body is the image (PNG, JPEG, WebP or GIF,
// never text); x-teacher-id says who.
import { json, RequestValidationError } from '../http/http';
import { IMAGE_MEDIA_TYPES } from '../http/mediaTypes';
import { IMAGES } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';
import { idempotent } from '../runtime/idempotency';

export const storeAssignmentImage = defineHandler('storeAssignmentImage', [IMAGES], async (req, { edgecv }) => {
  const teacherId = req.header('x-teacher-id');
  if (!teacherId) throw new RequestValidationError('the x-teacher-id header is required', [{ path: 'x-teacher-id', message: 'required' }]);
  const image = req.binary(IMAGE_MEDIA_TYPES);
  if (image.length === 0) throw new RequestValidationError('the request body must be the image', [{ path: 'body', message: 'empty' }]);
  const prompt = req.header('x-prompt');
  const stored = await edgecv.images.storeAssignmentImage.execute(req.param('assignmentId'), image, {
    teacherId,
    correlationId: req.header('x-correlation-id') ?? req.requestId,
    ...(prompt ? { prompt: decodeURIComponent(prompt) } : {}),
  });
  return json(201, { ...stored, uri: `s3://${stored.bucket}/${stored.key}` });
}, { idempotent });

export const handler = storeAssignmentImage.lambda;
