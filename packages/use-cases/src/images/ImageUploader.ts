// Puts one image object with the use case's retry schedule and per-attempt deadline, without
// ever leaving a duplicate behind.
//
// "Never a duplicate object": the key is deterministic, so a duplicate could only be a second
// version of the same bytes (the bucket is versioned) written by a retry whose first attempt
// had in fact succeeded. Every attempt is therefore a conditional put (If-None-Match: *); when
// the key is taken, the object's content-sha256 metadata tells an earlier attempt of ours (same
// bytes: done, nothing written) from an older image of the assignment (different bytes: replaced
// once, deliberately; versioning keeps the old one).
import { createHash } from 'node:crypto';
import type { ObjectStore } from '../ports/ObjectStore';
import { ServiceAccessDeniedError, ServiceResourceNotFoundError, isTransient } from '../ports/ServiceErrors';
import { describeError, type ImageOperationLog } from './ImageOperationLog';
import type { ImageStorageConfig } from './ImageStorageConfig';
import { S3PermissionError, S3UploadError } from './ImageStorageErrors';
import { withDeadline } from './withDeadline';

export const CONTENT_SHA256_METADATA = 'content-sha256';

export interface UploadRequest {
  readonly assignmentId: string;
  readonly correlationId: string;
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface UploadOutcome {
  readonly attempts: number;
  /** created: new object; unchanged: these exact bytes were already there; replaced: an older image was overwritten. */
  readonly outcome: 'created' | 'unchanged' | 'replaced';
  readonly sha256: string;
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class ImageUploader {
  constructor(
    private readonly store: ObjectStore,
    private readonly config: ImageStorageConfig,
    private readonly sleep: Sleep = realSleep,
  ) {}

  async upload(request: UploadRequest, log: ImageOperationLog): Promise<UploadOutcome> {
    const sha256 = createHash('sha256').update(request.bytes).digest('hex');
    const options = {
      contentType: request.contentType,
      cacheControl: this.config.cacheControl,
      metadata: { ...request.metadata, [CONTENT_SHA256_METADATA]: sha256 },
      tags: this.config.tags,
    };
    const context = { assignmentId: request.assignmentId, key: request.key, correlationId: request.correlationId };
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      try {
        const outcome = await this.attempt(request.key, request.bytes, sha256, options);
        log.record('info', 'upload', 'success', { key: request.key, attempt, outcome, bytes: request.bytes.byteLength, durationMs: Date.now() - started });
        return { attempts: attempt, outcome, sha256 };
      } catch (error) {
        const fields = { key: request.key, attempt, durationMs: Date.now() - started, ...describeError(error) };
        if (error instanceof ServiceAccessDeniedError) {
          log.record('error', 'upload', 'failure', { ...fields, alert: 'permission' });
          throw new S3PermissionError('upload', { ...context, attempts: attempt, cause: error });
        }
        const delay = this.config.retryDelaysMs[attempt - 1];
        if (!isTransient(error) || delay === undefined) {
          const bucketMissing = error instanceof ServiceResourceNotFoundError;
          log.record('error', 'upload', 'failure', { ...fields, ...(bucketMissing ? { alert: 'bucket-missing' } : {}) });
          throw new S3UploadError({ ...context, attempts: attempt, cause: error }, bucketMissing ? 'Storage unavailable. An administrator has been alerted.' : undefined);
        }
        log.record('warn', 'upload', 'retry', { ...fields, retryInMs: delay });
        await this.sleep(delay);
      }
    }
  }

  private async attempt(key: string, bytes: Uint8Array, sha256: string, options: { contentType: string; cacheControl: string; metadata: Record<string, string>; tags: Readonly<Record<string, string>> }): Promise<UploadOutcome['outcome']> {
    const { bucket, timeoutMs } = this.config;
    return withDeadline('upload', timeoutMs, async (signal) => {
      const put = await this.store.putIfAbsent(bucket, key, bytes, { ...options, signal });
      if (put.created) return 'created';
      const existing = await this.store.head(bucket, key);
      if (existing?.metadata[CONTENT_SHA256_METADATA] === sha256) return 'unchanged';
      await this.store.putStream(bucket, key, once(bytes), { ...options, signal });
      return 'replaced';
    });
  }
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
