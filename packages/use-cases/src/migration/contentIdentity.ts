// Are two objects the same bytes? Size first, then S3's SHA-256 checksums when both have one,
// then plain MD5 ETags (single-part objects only: a multipart ETag is not a content hash),
// and otherwise a streamed SHA-256 of both.
import { createHash } from 'node:crypto';
import type { ObjectStore } from '../ports/ObjectStore';

export interface ContentFacts {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly versionId?: string;
  readonly checksumSha256?: string;
}

export type VerificationMethod = 'sha256-checksum' | 'md5-etag' | 'streamed-sha256';

export type VerifyMode = 'auto' | 'stream';

const SIMPLE_MD5 = /^[0-9a-f]{32}$/i;

export function isSimpleMd5(etag: string): boolean {
  return SIMPLE_MD5.test(etag);
}

export function isMultipartEtag(etag: string): boolean {
  return /-\d+$/.test(etag);
}

export async function sameContent(
  store: ObjectStore,
  bucket: string,
  a: ContentFacts,
  b: ContentFacts,
  mode: VerifyMode = 'auto',
): Promise<{ readonly same: boolean; readonly method: VerificationMethod }> {
  if (a.size !== b.size) return { same: false, method: 'streamed-sha256' };
  if (mode === 'auto') {
    if (a.checksumSha256 !== undefined && b.checksumSha256 !== undefined) {
      return { same: a.checksumSha256 === b.checksumSha256, method: 'sha256-checksum' };
    }
    // Equal MD5 ETags prove equal bytes; unequal ones prove nothing (SSE-KMS ETags are not MD5s).
    if (SIMPLE_MD5.test(a.etag) && a.etag.toLowerCase() === b.etag.toLowerCase()) return { same: true, method: 'md5-etag' };
  }
  const [ha, hb] = await Promise.all([streamedSha256(store, bucket, a), streamedSha256(store, bucket, b)]);
  return { same: ha === hb, method: 'streamed-sha256' };
}

export async function streamedSha256(store: ObjectStore, bucket: string, o: ContentFacts): Promise<string> {
  const hash = createHash('sha256');
  const stream = await store.getStream(bucket, o.key, o.versionId !== undefined ? { versionId: o.versionId } : {});
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
