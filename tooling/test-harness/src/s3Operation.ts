// The S3 operation a path-style request names (method, path and subresource query), spelled as the
// SDK's commands are: the fault proxy counts requests by it, so a benchmark can say how many
// CopyObject, DeleteObjects, HeadObject... a tool sent per object it moved, whatever the tool.
// Path style only (`/bucket/key`), which is what every client uses against a loopback IP.

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function s3Operation(method: string, url: string, headers: Readonly<Record<string, string | string[] | undefined>> = {}): string {
  const u = new URL(url, 'http://proxy.invalid');
  const q = u.searchParams;
  const slash = u.pathname.indexOf('/', 1);
  const bucket = slash < 0 ? u.pathname.slice(1) : u.pathname.slice(1, slash);
  const key = slash < 0 ? '' : u.pathname.slice(slash + 1);
  const m = method.toUpperCase();
  const copy = headers['x-amz-copy-source'] !== undefined;
  // The first subresource that is not a listing parameter names bucket configuration calls (?versioning, ?policy...).
  const sub = [...q.keys()].find((k) => !/^(list-type|prefix|delimiter|max-keys|marker|continuation-token|start-after|encoding-type|fetch-owner|x-id)$/.test(k));

  if (bucket === '') return m === 'GET' ? 'ListBuckets' : `${m} /`;
  if (key === '') {
    switch (m) {
      case 'GET':
        if (q.get('list-type') === '2') return 'ListObjectsV2';
        if (q.has('versions')) return 'ListObjectVersions';
        if (q.has('uploads')) return 'ListMultipartUploads';
        return sub === undefined ? 'ListObjects' : `GetBucket${cap(sub)}`;
      case 'HEAD':
        return 'HeadBucket';
      case 'PUT':
        return sub === undefined ? 'CreateBucket' : `PutBucket${cap(sub)}`;
      case 'POST':
        return q.has('delete') ? 'DeleteObjects' : `POST bucket?${sub ?? ''}`;
      case 'DELETE':
        return sub === undefined ? 'DeleteBucket' : `DeleteBucket${cap(sub)}`;
      default:
        return `${m} bucket`;
    }
  }
  switch (m) {
    case 'GET':
      if (q.has('uploadId')) return 'ListParts';
      if (q.has('tagging')) return 'GetObjectTagging';
      if (q.has('attributes')) return 'GetObjectAttributes';
      return 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'PUT':
      if (q.has('partNumber') && q.has('uploadId')) return copy ? 'UploadPartCopy' : 'UploadPart';
      if (q.has('tagging')) return 'PutObjectTagging';
      return copy ? 'CopyObject' : 'PutObject';
    case 'POST':
      if (q.has('uploads')) return 'CreateMultipartUpload';
      if (q.has('uploadId')) return 'CompleteMultipartUpload';
      return 'POST object';
    case 'DELETE':
      if (q.has('uploadId')) return 'AbortMultipartUpload';
      if (q.has('tagging')) return 'DeleteObjectTagging';
      return 'DeleteObject';
    default:
      return `${m} object`;
  }
}
