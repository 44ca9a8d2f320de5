// The cache key of a generation: everything that changes the picture (model, prompt, negative
// prompt, seed, size, and the guidance and quality settings), hashed. A version tag lets the
// scheme change without ever serving a picture made for another request.
import { createHash } from 'node:crypto';
import type { GenerationRequest } from '@edgecv/domain';

export function generationRequestHash(model: string, r: GenerationRequest): string {
  const canonical = JSON.stringify(['v1', model, r.prompt, r.negativePrompt ?? null, r.seed, r.width, r.height, r.cfgScale, r.quality]);
  return createHash('sha256').update(canonical).digest('hex');
}
