// The object storage the use cases need, general enough for the migration to reuse: every call
// names its bucket, keys are raw strings (legacy keys with `//` are not S3Keys but must still be
// read, copied and deleted).
import type { Readable } from 'node:stream';

/** The DI token of the ObjectStore. */
export const ObjectStoreToken = Symbol.for('edgecv.ObjectStore');

/** Presigned URLs live 15 minutes unless asked otherwise, and never longer than SigV4 allows. */
export const PRESIGN_DEFAULT_EXPIRY_SECONDS = 15 * 60;
/** The longest lifetime SigV4 allows a presigned URL: 7 days. */
export const PRESIGN_MAX_EXPIRY_SECONDS = 7 * 24 * 60 * 60;

/** One object, or one version of it. */
export interface ObjectLocation {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/** An object (or version, or delete marker) as a listing or an inventory reports it. */
export interface ObjectSummary {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: Date;
  readonly versionId?: string;
  /** Base64 SHA-256 as S3 reports it, when the object was written with one. */
  readonly checksumSha256?: string;
  /** Version listings only: this is the key's current version (or delete marker). */
  readonly isLatest?: boolean;
  /** Version listings only: a delete marker, not an object version. */
  readonly isDeleteMarker?: boolean;
  /** When the source reports it (an inventory does): STANDARD, GLACIER, ... */
  readonly storageClass?: string;
  /** When the source reports it: the algorithm of the object's additional checksum (SHA256, CRC32, ...). */
  readonly checksumAlgorithm?: string;
}

/** An object's summary with its headers and user metadata, as HEAD returns them. */
export interface ObjectHead extends ObjectSummary {
  readonly contentType?: string;
  readonly cacheControl?: string;
  readonly contentDisposition?: string;
  readonly contentEncoding?: string;
  /** User metadata (x-amz-meta-*), names lower-cased. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** Headers, metadata and tags of a write, its cancellation and its progress. */
export interface WriteOptions {
  readonly contentType?: string;
  readonly cacheControl?: string;
  readonly contentDisposition?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly tags?: Readonly<Record<string, string>>;
  /** Cancels the whole operation; a multipart upload in flight is aborted. */
  readonly signal?: AbortSignal;
  /** putStream: called as parts are acknowledged, with the bytes stored so far. */
  readonly onProgress?: (bytesStored: number) => void;
  /**
   * putStream: write only when no object exists at the key (If-None-Match: *, on the single
   * PUT or on the multipart completion); PreconditionFailedError otherwise, and nothing is written.
   */
  readonly ifAbsent?: boolean;
}

/** What a write stored: size, SHA-256 computed on the way, ETag and version. */
export interface PutResult {
  readonly size: number;
  /** Hex SHA-256 of the bytes written, computed while they streamed. */
  readonly sha256: string;
  readonly etag: string;
  readonly versionId?: string;
}

/**
 * A conditional write's outcome: `created` with what was stored, or not created because an object
 * was already there.
 */
export type PutIfAbsentResult = ({ readonly created: true } & PutResult) | { readonly created: false };

/** How a server-side copy may behave. */
export interface CopyOptions {
  /** Refuse to overwrite an existing target (If-None-Match: *). */
  readonly ifAbsent?: boolean;
  /**
   * The source's size when the caller already knows it (from a listing): spares the request that
   * would look it up to choose between a single and a multipart copy.
   */
  readonly sourceSize?: number;
  readonly signal?: AbortSignal;
}

/** What a server-side copy produced. */
export interface CopyResult {
  readonly etag: string;
  /** The source's size as looked up, or as the caller stated it (`sourceSize`). */
  readonly size: number;
  readonly versionId?: string;
}

/** One object, or one version of it, to delete. */
export interface DeleteTarget {
  readonly key: string;
  readonly versionId?: string;
}

/** A deleted object or version. */
export interface DeletedObject extends DeleteTarget {
  /** Versioned buckets: the delete marker a delete without version id left behind. */
  readonly deleteMarkerVersionId?: string;
}

/** What a batch delete removed, and each key it could not. */
export interface DeleteManyResult {
  readonly deleted: readonly DeletedObject[];
  /** `code` and `message` are the store's own words for people; `accessDenied` is what a caller may act on. */
  readonly errors: readonly { readonly key: string; readonly versionId?: string; readonly code: string; readonly message: string; readonly accessDenied?: boolean }[];
}

/** What a listing iterates and from where. */
export interface ListOptions {
  /** Iterate every version and delete marker instead of the current objects. */
  readonly versions?: boolean;
  /** Only keys after this one (S3's byte order); a store may ignore it, so callers still filter. */
  readonly startAfter?: string;
  /** Keys per request (S3 caps it at 1000). */
  readonly pageSize?: number;
}

/** One page of common prefixes (the "folders" one level down). */
export interface CommonPrefixesPage {
  readonly prefixes: readonly string[];
  /** More entries (keys or prefixes) follow this page. */
  readonly truncated: boolean;
}

/** A presigned URL's lifetime and the headers it signs. */
export interface PresignOptions {
  /** 1 s .. 7 days; 15 minutes when omitted. */
  readonly expirySeconds?: number;
  /** PUT only: the Content-Type the uploader must send (it is signed). */
  readonly contentType?: string;
  /** GET only: sets Content-Disposition on the response, e.g. to name the download. */
  readonly responseContentDisposition?: string;
}

/** A URL that lets its holder GET or PUT one object until `expiresAt`, without credentials. */
export interface PresignedUrl {
  readonly url: string;
  readonly method: 'GET' | 'PUT';
  readonly bucket: string;
  readonly key: string;
  readonly expiresAt: Date;
  /** Headers the client must send for the signature to hold. */
  readonly headers: Readonly<Record<string, string>>;
}

/** A multipart upload begun and not completed (a crash leaves them; they cost storage). */
export interface MultipartUploadSummary {
  readonly key: string;
  readonly uploadId: string;
  readonly initiated?: Date;
}

/** S3 bucket versioning: 'disabled' when it was never enabled. */
export type BucketVersioning = 'enabled' | 'suspended' | 'disabled';

/** What a migration must know of a bucket before it touches it: where it is and what protects its objects. */
export interface BucketFacts {
  readonly bucket: string;
  /** The bucket's region as S3 reports it (HeadBucket), when it says. */
  readonly region: string | undefined;
  readonly versioning: BucketVersioning;
  /** Object Lock is enabled on the bucket (locked versions cannot be deleted before their retention ends). */
  readonly objectLock: boolean;
  /** Default encryption: SSE-S3 (AES256), SSE-KMS (with its key), DSSE-KMS, or none. */
  readonly encryption: { readonly algorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse' | 'none'; readonly kmsKeyId?: string };
}

/**
 * Object storage as the use cases need it (S3 in `@edgecv/infrastructure/s3`): every call names its
 * bucket, and keys are raw strings, so legacy keys with `//` can still be read, copied and deleted.
 */
export interface ObjectStore {
  /** Metadata of an object, or undefined when it does not exist. */
  head(bucket: string, key: string, versionId?: string): Promise<ObjectHead | undefined>;
  /** The object's bytes as a stream; ObjectNotFoundError when it does not exist. */
  getStream(bucket: string, key: string, options?: { versionId?: string; signal?: AbortSignal }): Promise<Readable>;
  /** Streams a body of unknown length (multipart when large); nothing is left behind when it fails. */
  putStream(bucket: string, key: string, body: Readable | AsyncIterable<Uint8Array>, options?: WriteOptions): Promise<PutResult>;
  /** Writes a small body only when no object exists at the key (conditional write). */
  putIfAbsent(bucket: string, key: string, body: Uint8Array | string, options?: WriteOptions): Promise<PutIfAbsentResult>;
  /** Server-side copy keeping content type, cache control, user metadata and tags. */
  copy(source: ObjectLocation, target: { bucket: string; key: string }, options?: CopyOptions): Promise<CopyResult>;
  /** Every object (or version) under the prefix, in key order, page by page. */
  list(bucket: string, prefix: string, options?: ListOptions): AsyncIterable<ObjectSummary>;
  /**
   * One page of the common prefixes under `prefix` up to the next `delimiter` (S3's
   * `ListObjectsV2` with a delimiter), in key order: where a listing can be split into parts.
   */
  listCommonPrefixes(bucket: string, prefix: string, delimiter: string): Promise<CommonPrefixesPage>;
  /** Deletes in batches of up to 1000; per-key failures are reported, not thrown. */
  deleteMany(bucket: string, targets: Iterable<DeleteTarget> | AsyncIterable<DeleteTarget>): Promise<DeleteManyResult>;
  presignGet(bucket: string, key: string, options?: PresignOptions): Promise<PresignedUrl>;
  presignPut(bucket: string, key: string, options?: PresignOptions): Promise<PresignedUrl>;
  listMultipartUploads(bucket: string, prefix: string): AsyncIterable<MultipartUploadSummary>;
  abortMultipart(bucket: string, key: string, uploadId: string): Promise<void>;
  bucketVersioning(bucket: string): Promise<BucketVersioning>;
}
