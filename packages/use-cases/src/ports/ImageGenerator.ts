// Turns a text prompt into a picture: Amazon Bedrock Nova Canvas in AWS, a deterministic local
// generator on the embedded stack. Failures are the typed errors of generation/GenerationErrors
// (throttled, refused, timed out, failed), translated by the adapter from its provider's own.
import type { GenerationRequest } from '@edgecv/domain';

/** The DI token of the ImageGenerator. */
export const ImageGeneratorToken = Symbol.for('edgecv.ImageGenerator');

/** A picture the model made. */
export interface GeneratedPicture {
  /** PNG bytes, as Nova Canvas returns them (base64-decoded). */
  readonly bytes: Uint8Array;
  readonly contentType: 'image/png';
}

/**
 * Turns a text prompt into a picture: Amazon Bedrock Nova Canvas in AWS, a deterministic local
 * generator on the embedded stack (`@edgecv/infrastructure/generation`); failures are the typed
 * errors of generation/GenerationErrors.
 */
export interface ImageGenerator {
  /** The model id, part of the cache key: two models never share a cached picture. */
  readonly model: string;
  generate(request: GenerationRequest, options?: { readonly signal?: AbortSignal }): Promise<GeneratedPicture>;
}
