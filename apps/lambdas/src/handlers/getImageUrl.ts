// GET /assignments/{assignmentId}/image-url: where the image can be fetched (CloudFront, or a
// presigned GET), without loading it.
import { json } from '../http/http';
import { IMAGES } from '../runtime/capabilities';
import { defineHandler } from '../runtime/defineHandler';

export const getImageUrl = defineHandler('getImageUrl', [IMAGES], async (req, { edgecv }) => {
  const url = await edgecv.images.getImageUrl.execute(req.param('assignmentId'));
  return json(url.found ? 200 : 404, url.found ? { ...url, ...(url.expiresAt ? { expiresAt: url.expiresAt.toISOString() } : {}) } : { placeholder: true, ...url });
});

export const handler = getImageUrl.lambda;
