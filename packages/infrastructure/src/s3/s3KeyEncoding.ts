// Listings ask S3 to URL-encode keys (`encoding-type=url`): XML 1.0 cannot carry every character
// a key may hold (control characters; a carriage return would come back as a newline), so a
// listing without it can return a key that names another object. A server that ignores the
// request (moto's ListObjectVersions) answers without `EncodingType`, and its keys are taken as
// they are, exactly as botocore does. S3 encodes a space as `+` and a `+` as `%2B`.
export const LIST_ENCODING = 'url' as const;

export function listedKey(value: string, encodingType: string | undefined): string;
export function listedKey(value: string | undefined, encodingType: string | undefined): string | undefined;
export function listedKey(value: string | undefined, encodingType: string | undefined): string | undefined {
  if (value === undefined || encodingType !== LIST_ENCODING) return value;
  return decodeURIComponent(value.replace(/\+/g, ' '));
}
