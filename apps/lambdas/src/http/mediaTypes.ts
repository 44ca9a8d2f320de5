// The media types each binary route accepts. API Gateway HTTP APIs (and `edgecv serve`, which
// builds the same events) pass a body whose Content-Type looks like text as a UTF-8 string, and
// every other body base64-encoded; a binary route must only ever take the second kind.

export const RESULTS_MEDIA_TYPES = Object.freeze(['application/zip'] as const);
export const IMAGE_MEDIA_TYPES = Object.freeze(['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const);

/** `Image/PNG; charset=x` -> `image/png`; '' when there is no header. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
