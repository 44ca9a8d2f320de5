// ObjectStore on S3 (or any S3-compatible server) with the AWS SDK v3.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createHash } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetBucketEncryptionCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  HeadBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  presignExpirySeconds,
  ObjectNotFoundError,
  PreconditionFailedError,
  ServiceRejectedError,
  type CopyOptions,
  type BucketFacts,
  type BucketVersioning,
  type CommonPrefixesPage,
  type CopyResult,
  type DeleteManyResult,
  type DeleteTarget,
  type DeletedObject,
  type ListOptions,
  type MultipartUploadSummary,
  type ObjectHead,
  type ObjectLocation,
  type ObjectStore,
  type ObjectSummary,
  type PresignOptions,
  type PresignedUrl,
  type PutIfAbsentResult,
  type PutResult,
  type WriteOptions,
} from '@edgecv/use-cases';
import { translateErrorsOf } from '../shared/awsErrors';
import { sdkRetryOptions } from '../shared/RetryPolicy';
import { HashingCounter } from './HashingCounter';
import { multipartCopy } from './multipartCopy';
import { LIST_ENCODING, listedKey } from './s3KeyEncoding';
import { S3_DEFAULTS, type S3ObjectStoreConfig } from './S3ObjectStoreConfig';
import { NOT_CONFIGURED, copySource, translateS3Error, unquoteEtag, type SendOptions } from './s3Errors';

const DELETE_BATCH = 1000;

export class S3ObjectStore implements ObjectStore {
  /**
   * Every request: retried by the SDK's own strategy (config.retry), each attempt bounded by
   * timeoutMs until S3 answers (then by the socket's idle timeout while a body streams), and
   * every failure translated into the ports' typed errors before it leaves.
   */
  readonly client: S3Client;
  /** Presigning never adds flexible checksums: a presigned PUT must not carry the CRC of an empty body. */
  private readonly presignClient: S3Client;
  private readonly timeoutMs: number;
  private readonly partSize: number;
  private readonly queueSize: number;
  private readonly multipartCopyThreshold: number;
  private readonly copyPartSize: number;

  constructor(config: S3ObjectStoreConfig) {
    this.timeoutMs = config.timeoutMs ?? S3_DEFAULTS.timeoutMs;
    this.partSize = config.partSizeBytes ?? S3_DEFAULTS.partSizeBytes;
    this.queueSize = config.queueSize ?? S3_DEFAULTS.queueSize;
    this.multipartCopyThreshold = config.multipartCopyThresholdBytes ?? S3_DEFAULTS.multipartCopyThresholdBytes;
    this.copyPartSize = config.copyPartSizeBytes ?? S3_DEFAULTS.copyPartSizeBytes;
    const maxSockets = config.maxSockets ?? S3_DEFAULTS.maxSockets;
    const requestHandler = new NodeHttpHandler({
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
      connectionTimeout: Math.min(this.timeoutMs, 10_000),
      // A stalled socket (no bytes either way) fails the request; long transfers that keep moving
      // do not. Single requests also pass requestTimeout (a deadline until S3 answers) per call.
      socketTimeout: this.timeoutMs,
      throwOnRequestTimeout: true,
    });
    const base: S3ClientConfig = {
      region: config.region,
      ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
      forcePathStyle: config.forcePathStyle ?? false,
      ...(config.credentials !== undefined ? { credentials: config.credentials } : {}),
      requestChecksumCalculation: config.checksumMode ?? 'WHEN_SUPPORTED',
      responseChecksumValidation: config.checksumMode ?? 'WHEN_SUPPORTED',
      requestHandler,
    };
    const settings = {
      timeoutMs: this.timeoutMs,
      region: config.region,
      ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
      ...(config.expectedBucketOwner !== undefined ? { expectedBucketOwner: config.expectedBucketOwner } : {}),
    };
    this.client = translateErrorsOf(new S3Client({ ...base, ...sdkRetryOptions(config.retry ?? S3_DEFAULTS.retry) }), (error, call) => translateS3Error(error, call, settings));
    if (config.expectedBucketOwner !== undefined) expectBucketOwner(this.client, config.expectedBucketOwner);
    this.presignClient = new S3Client({
      ...base,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async head(bucket: string, key: string, versionId?: string): Promise<ObjectHead | undefined> {
    try {
      const r = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId, ChecksumMode: 'ENABLED' }), this.options());
      return {
        key,
        size: r.ContentLength ?? 0,
        etag: unquoteEtag(r.ETag),
        lastModified: r.LastModified ?? new Date(0),
        ...(r.VersionId ? { versionId: r.VersionId } : {}),
        ...(r.ChecksumSHA256 ? { checksumSha256: r.ChecksumSHA256 } : {}),
        ...(r.ContentType ? { contentType: r.ContentType } : {}),
        ...(r.CacheControl ? { cacheControl: r.CacheControl } : {}),
        ...(r.ContentDisposition ? { contentDisposition: r.ContentDisposition } : {}),
        ...(r.ContentEncoding ? { contentEncoding: r.ContentEncoding } : {}),
        metadata: r.Metadata ?? {},
      };
    } catch (error) {
      if (error instanceof ObjectNotFoundError) return undefined;
      throw error;
    }
  }

  async getStream(bucket: string, key: string, options: { versionId?: string; signal?: AbortSignal } = {}): Promise<Readable> {
    const r = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: options.versionId }), this.options(options.signal));
    if (!(r.Body instanceof Readable)) throw new Error(`GetObject s3://${bucket}/${key} returned no stream`);
    return r.Body;
  }

  async putStream(bucket: string, key: string, body: Readable | AsyncIterable<Uint8Array>, options: WriteOptions = {}): Promise<PutResult> {
    const counter = new HashingCounter();
    const source = body instanceof Readable ? body : Readable.from(body);
    // pipeline destroys the counter with the source's error, which fails (and aborts) the upload.
    pipeline(source, counter, () => undefined);
    const upload = new Upload({
      client: this.client,
      // IfNoneMatch reaches PutObject or CompleteMultipartUpload, whichever the size leads to.
      params: { Bucket: bucket, Key: key, Body: counter, ...writeParams(options), ...(options.ifAbsent ? { IfNoneMatch: '*' } : {}) },
      ...(options.tags ? { tags: Object.entries(options.tags).map(([Key, Value]) => ({ Key, Value: String(Value) })) } : {}),
      queueSize: this.queueSize,
      partSize: this.partSize,
      leavePartsOnError: false,
    });
    const onAbort = (): void => void upload.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const { onProgress } = options;
    if (onProgress) upload.on('httpUploadProgress', (p) => p.loaded !== undefined && onProgress(p.loaded));
    try {
      const r = await upload.done();
      return { size: counter.byteCount, sha256: counter.digest(), etag: unquoteEtag(r.ETag), ...(r.VersionId ? { versionId: r.VersionId } : {}) };
    } catch (error) {
      source.destroy();
      // A failed condition arrives translated (PreconditionFailedError) from whichever request carried it.
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async putIfAbsent(bucket: string, key: string, body: Uint8Array | string, options: WriteOptions = {}): Promise<PutIfAbsentResult> {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    try {
      const r = await this.client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: bytes,
          IfNoneMatch: '*',
          ...writeParams(options),
          ...(options.tags ? { Tagging: new URLSearchParams(options.tags).toString() } : {}),
        }),
        this.options(options.signal),
      );
      return {
        created: true,
        size: bytes.byteLength,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        etag: unquoteEtag(r.ETag),
        ...(r.VersionId ? { versionId: r.VersionId } : {}),
      };
    } catch (error) {
      if (error instanceof PreconditionFailedError) return { created: false };
      throw error;
    }
  }

  async copy(source: ObjectLocation, target: { bucket: string; key: string }, options: CopyOptions = {}): Promise<CopyResult> {
    // A size the caller already knows (the migration's plan) spares the HEAD that only chooses
    // between CopyObject and a multipart copy; a source that has grown past CopyObject's limit
    // since is refused by the server and then takes the looked-up path below.
    if (options.sourceSize !== undefined && options.sourceSize <= this.multipartCopyThreshold) {
      try {
        return await this.copyObject(source, target, options.sourceSize, options);
      } catch (error) {
        if (!(error instanceof ServiceRejectedError && error.providerCode === 'InvalidRequest')) throw error;
      }
    }
    const head = await this.head(source.bucket, source.key, source.versionId);
    if (!head) throw new ObjectNotFoundError(source.bucket, source.key);
    if (head.size <= this.multipartCopyThreshold) return this.copyObject(source, target, head.size, options);
    return multipartCopy(this.client, source, target, head, {
      partSize: this.copyPartSize,
      ifAbsent: options.ifAbsent ?? false,
      send: (_name, fn) => fn(this.options(options.signal)),
    });
  }

  private async copyObject(source: ObjectLocation, target: { bucket: string; key: string }, size: number, options: CopyOptions): Promise<CopyResult> {
    try {
      const r = await this.client.send(
        new CopyObjectCommand({
          Bucket: target.bucket,
          Key: target.key,
          CopySource: copySource(source.bucket, source.key, source.versionId),
          MetadataDirective: 'COPY',
          TaggingDirective: 'COPY',
          ...(options.ifAbsent ? { IfNoneMatch: '*' } : {}),
        }),
        this.options(options.signal),
      );
      return { etag: unquoteEtag(r.CopyObjectResult?.ETag), size, ...(r.VersionId ? { versionId: r.VersionId } : {}) };
    } catch (error) {
      // Without a HEAD first, a missing source shows up here (NoSuchKey, NoSuchVersion), translated
      // against the request's (target) key: it is the source that is missing.
      if (error instanceof ObjectNotFoundError) throw new ObjectNotFoundError(source.bucket, source.key);
      throw error;
    }
  }

  async *list(bucket: string, prefix: string, options: ListOptions = {}): AsyncIterable<ObjectSummary> {
    if (options.versions) {
      yield* this.listVersions(bucket, prefix, options.pageSize, options.startAfter);
      return;
    }
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          ContinuationToken: token,
          MaxKeys: options.pageSize,
          StartAfter: token ? undefined : options.startAfter,
          EncodingType: LIST_ENCODING,
        }),
        this.options(),
      );
      for (const o of page.Contents ?? []) {
        if (o.Key === undefined) continue;
        yield {
          key: listedKey(o.Key, page.EncodingType),
          size: o.Size ?? 0,
          etag: unquoteEtag(o.ETag),
          lastModified: o.LastModified ?? new Date(0),
        };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async listCommonPrefixes(bucket: string, prefix: string, delimiter: string): Promise<CommonPrefixesPage> {
    const page = await this.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: delimiter, EncodingType: LIST_ENCODING }), this.options());
    const prefixes = (page.CommonPrefixes ?? []).flatMap((p) => (p.Prefix === undefined ? [] : [listedKey(p.Prefix, page.EncodingType)]));
    return { prefixes, truncated: page.IsTruncated === true };
  }

  private async *listVersions(bucket: string, prefix: string, pageSize?: number, startAfter?: string): AsyncIterable<ObjectSummary> {
    // A key marker alone (no version id marker) starts after every version of that key.
    let keyMarker: string | undefined = startAfter;
    let versionMarker: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectVersionsCommand({
          Bucket: bucket,
          Prefix: prefix,
          KeyMarker: keyMarker,
          VersionIdMarker: versionMarker,
          MaxKeys: pageSize,
          EncodingType: LIST_ENCODING,
        }),
        this.options(),
      );
      // S3 answers versions and delete markers in two lists; merged back into key order (byte
      // order, stable: a key's versions keep S3's newest-first order) as the port promises.
      const key = (k: string | undefined): string | undefined => listedKey(k, page.EncodingType);
      const entries = [
        ...(page.Versions ?? []).map((v) => ({ key: key(v.Key), size: v.Size ?? 0, etag: unquoteEtag(v.ETag), lastModified: v.LastModified, versionId: v.VersionId, isLatest: v.IsLatest === true, isDeleteMarker: false })),
        ...(page.DeleteMarkers ?? []).map((m) => ({ key: key(m.Key), size: 0, etag: '', lastModified: m.LastModified, versionId: m.VersionId, isLatest: m.IsLatest === true, isDeleteMarker: true })),
      ].sort((a, b) => Buffer.compare(Buffer.from(a.key ?? ''), Buffer.from(b.key ?? '')));
      for (const e of entries) {
        if (e.key === undefined) continue;
        yield {
          key: e.key,
          size: e.size,
          etag: e.etag,
          lastModified: e.lastModified ?? new Date(0),
          ...(e.versionId ? { versionId: e.versionId } : {}),
          isLatest: e.isLatest,
          isDeleteMarker: e.isDeleteMarker,
        };
      }
      keyMarker = page.IsTruncated ? key(page.NextKeyMarker) : undefined;
      versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker);
  }

  async deleteMany(bucket: string, targets: Iterable<DeleteTarget> | AsyncIterable<DeleteTarget>): Promise<DeleteManyResult> {
    const deleted: DeletedObject[] = [];
    const errors: DeleteManyResult['errors'][number][] = [];
    let batch: DeleteTarget[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const objects = batch.map((t) => ({ Key: t.key, ...(t.versionId ? { VersionId: t.versionId } : {}) }));
      batch = [];
      const r = await this.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: false } }), this.options());
      for (const d of r.Deleted ?? []) {
        if (d.Key === undefined) continue;
        deleted.push({
          key: d.Key,
          ...(d.VersionId ? { versionId: d.VersionId } : {}),
          ...(d.DeleteMarker && d.DeleteMarkerVersionId ? { deleteMarkerVersionId: d.DeleteMarkerVersionId } : {}),
        });
      }
      for (const e of r.Errors ?? []) {
        const accessDenied = e.Code === 'AccessDenied' || e.Code === 'AllAccessDisabled';
        errors.push({ key: e.Key ?? '', ...(e.VersionId ? { versionId: e.VersionId } : {}), code: e.Code ?? 'Unknown', message: e.Message ?? '', ...(accessDenied ? { accessDenied } : {}) });
      }
    };
    for await (const target of targets) {
      batch.push(target);
      if (batch.length >= DELETE_BATCH) await flush();
    }
    await flush();
    return { deleted, errors };
  }

  async presignGet(bucket: string, key: string, options: PresignOptions = {}): Promise<PresignedUrl> {
    const expiresIn = presignExpirySeconds(options.expirySeconds);
    const command = new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ...(options.responseContentDisposition ? { ResponseContentDisposition: options.responseContentDisposition } : {}),
    });
    const url = await getSignedUrl(this.presignClient, command, { expiresIn });
    return { url, method: 'GET', bucket, key, expiresAt: new Date(Date.now() + expiresIn * 1000), headers: {} };
  }

  async presignPut(bucket: string, key: string, options: PresignOptions = {}): Promise<PresignedUrl> {
    const expiresIn = presignExpirySeconds(options.expirySeconds);
    const command = new PutObjectCommand({ Bucket: bucket, Key: key, ...(options.contentType ? { ContentType: options.contentType } : {}) });
    const headers: Record<string, string> = options.contentType ? { 'content-type': options.contentType } : {};
    const url = await getSignedUrl(this.presignClient, command, {
      expiresIn,
      ...(options.contentType ? { signableHeaders: new Set(['content-type']) } : {}),
    });
    return { url, method: 'PUT', bucket, key, expiresAt: new Date(Date.now() + expiresIn * 1000), headers };
  }

  async *listMultipartUploads(bucket: string, prefix: string): AsyncIterable<MultipartUploadSummary> {
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const page = await this.client.send(
        new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker, EncodingType: LIST_ENCODING }),
          this.options(),
      );
      for (const u of page.Uploads ?? []) {
        if (u.Key === undefined || u.UploadId === undefined) continue;
        yield { key: listedKey(u.Key, page.EncodingType), uploadId: u.UploadId, ...(u.Initiated ? { initiated: u.Initiated } : {}) };
      }
      keyMarker = page.IsTruncated ? listedKey(page.NextKeyMarker, page.EncodingType) : undefined;
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
  }

  async abortMultipart(bucket: string, key: string, uploadId: string): Promise<void> {
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }), this.options());
    } catch (error) {
      if (!(error instanceof ObjectNotFoundError)) throw error;
    }
  }

  async bucketVersioning(bucket: string): Promise<BucketVersioning> {
    const r = await this.client.send(new GetBucketVersioningCommand({ Bucket: bucket }), this.options());
    return r.Status === 'Enabled' ? 'enabled' : r.Status === 'Suspended' ? 'suspended' : 'disabled';
  }

  async bucketFacts(bucket: string): Promise<BucketFacts> {
    const head = await this.client.send(new HeadBucketCommand({ Bucket: bucket }), this.options());
    const versioning = await this.bucketVersioning(bucket);
    const lock = await this.notConfiguredAsUndefined(() => this.client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }), this.options()));
    const encryption = await this.notConfiguredAsUndefined(() => this.client.send(new GetBucketEncryptionCommand({ Bucket: bucket }), this.options()));
    const rule = encryption?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
    const algorithm = rule?.SSEAlgorithm === 'AES256' || rule?.SSEAlgorithm === 'aws:kms' || rule?.SSEAlgorithm === 'aws:kms:dsse' ? rule.SSEAlgorithm : 'none';
    return {
      bucket,
      region: head.BucketRegion,
      versioning,
      objectLock: lock?.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled',
      encryption: { algorithm, ...(rule?.KMSMasterKeyID ? { kmsKeyId: rule.KMSMasterKeyID } : {}) },
    };
  }

  /** A bucket setting S3 answers "not configured" for (a 404 of its own) is simply absent. */
  private async notConfiguredAsUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      if (NOT_CONFIGURED.has((error as { name?: string }).name ?? '')) return undefined;
      throw error;
    }
  }

  /** Per call: the caller's cancellation, and the deadline of each attempt until S3 answers. */
  private options(signal?: AbortSignal): SendOptions {
    return { requestTimeout: this.timeoutMs, ...(signal ? { abortSignal: signal } : {}) };
  }
}

function writeParams(options: WriteOptions): Record<string, unknown> {
  return {
    ...(options.contentType ? { ContentType: options.contentType } : {}),
    ...(options.cacheControl ? { CacheControl: options.cacheControl } : {}),
    ...(options.contentDisposition ? { ContentDisposition: options.contentDisposition } : {}),
    ...(options.metadata ? { Metadata: { ...options.metadata } } : {}),
  };
}


/**
 * `--expected-bucket-owner`: every request that names a bucket carries the account that must own
 * it (S3 refuses with 403 otherwise), and a copy also the account that must own its source.
 */
function expectBucketOwner(client: S3Client, account: string): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      if (typeof input.Bucket === 'string' && context.commandName !== 'CreateBucketCommand') {
        input.ExpectedBucketOwner ??= account;
        if (typeof input.CopySource === 'string') input.ExpectedSourceBucketOwner ??= account;
      }
      return next(args);
    },
    { step: 'initialize', name: 'edgecvExpectedBucketOwner', override: true },
  );
}
