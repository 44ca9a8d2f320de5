// Reading the SDK's error shapes in one place.

interface SdkErrorLike {
  name?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export function httpStatusOf(error: unknown): number | undefined {
  return (error as SdkErrorLike | undefined)?.$metadata?.httpStatusCode;
}

export function errorNameOf(error: unknown): string | undefined {
  const e = error as SdkErrorLike | undefined;
  const name = e?.name ?? e?.Code;
  return typeof name === 'string' ? name : undefined;
}

export function isNotFound(error: unknown): boolean {
  const name = errorNameOf(error);
  return httpStatusOf(error) === 404 || name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchVersion';
}

export function isPreconditionFailed(error: unknown): boolean {
  return httpStatusOf(error) === 412 || errorNameOf(error) === 'PreconditionFailed';
}

/** CopySource is "bucket/key" with the key URL-encoded but its slashes kept (`//` included). */
export function copySource(bucket: string, key: string, versionId?: string): string {
  const encoded = key
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
  return `${bucket}/${encoded}${versionId ? `?versionId=${encodeURIComponent(versionId)}` : ''}`;
}

export function unquoteEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^"|"$/g, '');
}
