// Splits `s3://bucket/key` without validating the key: references may still hold legacy keys
// (with `//`), which are not S3Keys but must be read and rewritten.
export interface UriParts {
  readonly bucket: string;
  readonly key: string;
}

export function splitS3Uri(uri: string): UriParts | undefined {
  if (!uri.startsWith('s3://')) return undefined;
  const rest = uri.slice(5);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  return { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

export function joinS3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}
