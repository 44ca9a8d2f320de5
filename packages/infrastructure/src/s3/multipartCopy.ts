// Server-side copy of objects too large for CopyObject (over 5 GiB): UploadPartCopy by ranges.
// Metadata and tags are not carried by parts, so they are read from the source and re-applied.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectTaggingCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { CopyResult, ObjectHead, ObjectLocation } from '@edgecv/use-cases';
import { copySource, unquoteEtag, type SendOptions } from './s3Errors';

export interface MultipartCopyOptions {
  readonly partSize: number;
  readonly ifAbsent: boolean;
  readonly send: <T>(operation: string, request: (options: SendOptions) => Promise<T>) => Promise<T>;
}

export async function multipartCopy(
  client: S3Client,
  source: ObjectLocation,
  target: { bucket: string; key: string },
  head: ObjectHead,
  { partSize, ifAbsent, send }: MultipartCopyOptions,
): Promise<CopyResult> {
  const tagging = await send('GetObjectTagging', (options) =>
    client.send(new GetObjectTaggingCommand({ Bucket: source.bucket, Key: source.key, VersionId: source.versionId }), options),
  );
  const tags = new URLSearchParams((tagging.TagSet ?? []).map((t): [string, string] => [t.Key ?? '', t.Value ?? ''])).toString();
  const created = await send('CreateMultipartUpload', (options) =>
    client.send(
      new CreateMultipartUploadCommand({
        Bucket: target.bucket,
        Key: target.key,
        ...(head.contentType ? { ContentType: head.contentType } : {}),
        ...(head.cacheControl ? { CacheControl: head.cacheControl } : {}),
        ...(head.contentDisposition ? { ContentDisposition: head.contentDisposition } : {}),
        ...(head.contentEncoding ? { ContentEncoding: head.contentEncoding } : {}),
        Metadata: { ...head.metadata },
        ...(tags ? { Tagging: tags } : {}),
      }),
      options,
    ),
  );
  const uploadId = created.UploadId;
  if (!uploadId) throw new Error(`CreateMultipartUpload for s3://${target.bucket}/${target.key} returned no upload id`);
  try {
    const parts: { ETag: string; PartNumber: number }[] = [];
    const from = copySource(source.bucket, source.key, source.versionId ?? head.versionId);
    for (let start = 0, part = 1; start < head.size; start += partSize, part++) {
      const end = Math.min(head.size, start + partSize) - 1;
      const r = await send('UploadPartCopy', (options) =>
        client.send(
          new UploadPartCopyCommand({
            Bucket: target.bucket,
            Key: target.key,
            UploadId: uploadId,
            PartNumber: part,
            CopySource: from,
            CopySourceRange: `bytes=${start}-${end}`,
          }),
          options,
        ),
      );
      parts.push({ ETag: r.CopyPartResult?.ETag ?? '', PartNumber: part });
    }
    const done = await send('CompleteMultipartUpload', (options) =>
      client.send(
        new CompleteMultipartUploadCommand({
          Bucket: target.bucket,
          Key: target.key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
          ...(ifAbsent ? { IfNoneMatch: '*' } : {}),
        }),
        options,
      ),
    );
    // "null" names the version of an unversioned bucket (moto sends it on every completion): there is
    // no version to pin, and a HEAD asking for it is refused there.
    const versionId = done.VersionId !== undefined && done.VersionId !== 'null' ? done.VersionId : undefined;
    return { etag: unquoteEtag(done.ETag), size: head.size, ...(versionId !== undefined ? { versionId } : {}) };
  } catch (error) {
    await client.send(new AbortMultipartUploadCommand({ Bucket: target.bucket, Key: target.key, UploadId: uploadId })).catch(() => undefined);
    throw error;
  }
}
