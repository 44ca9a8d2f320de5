// getAssignmentImage (spec 003 property 9): the image's bytes, or a placeholder result when
// there is no document, no image, no object or no access. For a valid id it never throws: a
// student's page shows a placeholder instead of an error. An id `store` would refuse is refused
// here too (InvalidSegmentError), before anything is looked up.
import { randomUUID } from 'node:crypto';
import { AssignmentId, EdgecvError } from '@edgecv/domain';
import type { AssignmentRepository } from '../ports/AssignmentRepository';
import type { Clock } from '../ports/Clock';
import type { Logger } from '../ports/Logger';
import type { ObjectStore } from '../ports/ObjectStore';
import { ObjectNotFoundError } from '../ports/ObjectStoreErrors';
import { ServiceAccessDeniedError, isTransient } from '../ports/ServiceErrors';
import { ImageOperationLog, describeError } from './ImageOperationLog';
import type { ImageStorageConfig } from './ImageStorageConfig';
import { S3DownloadError, S3PermissionError } from './ImageStorageErrors';
import { currentImageKey } from './legacyImageKey';
import { withDeadline } from './withDeadline';

export type PlaceholderReason = 'no-document' | 'no-image' | 'missing-object' | 'access-denied' | 'unavailable';

export const PLACEHOLDER_MESSAGE = 'Image not available';

export type AssignmentImage =
  | { readonly found: true; readonly assignmentId: string; readonly key: string; readonly bytes: Uint8Array; readonly contentType: string; readonly correlationId: string }
  | {
      readonly found: false;
      readonly assignmentId: string;
      readonly key?: string;
      readonly reason: PlaceholderReason;
      readonly message: string;
      readonly correlationId: string;
      /** When storage failed (not merely: there is no image), the typed error behind the placeholder. */
      readonly error?: S3DownloadError | S3PermissionError;
    };

export interface GetAssignmentImageDeps {
  readonly store: ObjectStore;
  readonly assignments: AssignmentRepository;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: ImageStorageConfig;
}

/** An image above maxDownloadBytes is not served (a placeholder instead). */
class DownloadTooLargeError extends EdgecvError {
  readonly code = 'IMAGE_DOWNLOAD_TOO_LARGE';
  override readonly name = 'DownloadTooLargeError';
}

export class GetAssignmentImage {
  constructor(private readonly deps: GetAssignmentImageDeps) {}

  async execute(assignmentId: string, context: { readonly teacherId?: string; readonly correlationId?: string } = {}): Promise<AssignmentImage> {
    AssignmentId.parse(assignmentId);
    const correlationId = context.correlationId ?? randomUUID();
    const log = new ImageOperationLog(this.deps.logger, this.deps.clock, { correlationId, assignmentId, ...(context.teacherId ? { teacherId: context.teacherId } : {}) });
    const placeholder = (reason: PlaceholderReason, key?: string, cause?: unknown): AssignmentImage => {
      const context = { assignmentId, correlationId, ...(key !== undefined ? { key } : {}), cause };
      const error =
        reason === 'access-denied' ? new S3PermissionError('download', context) : reason === 'unavailable' ? new S3DownloadError(context) : undefined;
      return { found: false, assignmentId, ...(key !== undefined ? { key } : {}), reason, message: PLACEHOLDER_MESSAGE, correlationId, ...(error ? { error } : {}) };
    };

    let record;
    try {
      record = await this.deps.assignments.find(assignmentId);
    } catch (error) {
      log.record('error', 'download', 'placeholder', { reason: 'unavailable', stage: 'find-document', ...describeError(error) });
      return placeholder('unavailable', undefined, error);
    }
    if (!record) {
      log.record('warn', 'download', 'placeholder', { reason: 'no-document' });
      return placeholder('no-document');
    }
    const key = currentImageKey(record);
    if (!key) {
      log.record('info', 'download', 'placeholder', { reason: 'no-image' });
      return placeholder('no-image');
    }

    // Spec 003: a connection failure is retried once, then the placeholder is shown.
    for (let attempt = 1; attempt <= 2; attempt++) {
      const started = Date.now();
      try {
        const image = await this.download(key);
        if (!image) {
          log.record('warn', 'download', 'placeholder', { reason: 'missing-object', key, attempt });
          return placeholder('missing-object', key);
        }
        log.record('info', 'download', 'success', { key, attempt, bytes: image.bytes.byteLength, durationMs: Date.now() - started });
        return { found: true, assignmentId, key, bytes: image.bytes, contentType: image.contentType, correlationId };
      } catch (error) {
        const fields = { key, attempt, durationMs: Date.now() - started, ...describeError(error) };
        if (error instanceof ObjectNotFoundError) {
          log.record('warn', 'download', 'placeholder', { ...fields, reason: 'missing-object' });
          return placeholder('missing-object', key);
        }
        if (error instanceof ServiceAccessDeniedError) {
          log.record('error', 'download', 'placeholder', { ...fields, reason: 'access-denied', alert: 'permission' });
          return placeholder('access-denied', key, error);
        }
        if (attempt === 1 && isTransient(error)) {
          log.record('warn', 'download', 'retry', fields);
          continue;
        }
        log.record('error', 'download', 'placeholder', { ...fields, reason: 'unavailable' });
        return placeholder('unavailable', key, error);
      }
    }
    return placeholder('unavailable', key);
  }

  private async download(key: string): Promise<{ bytes: Uint8Array; contentType: string } | undefined> {
    const { store, config } = this.deps;
    return withDeadline('download', config.timeoutMs, async (signal) => {
      const head = await store.head(config.bucket, key);
      if (!head) return undefined;
      if (head.size > config.maxDownloadBytes) throw new DownloadTooLargeError(`${key} is ${head.size} bytes`);
      const stream = await store.getStream(config.bucket, key, { signal, ...(head.versionId ? { versionId: head.versionId } : {}) });
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.byteLength;
        if (total > config.maxDownloadBytes) {
          stream.destroy();
          throw new DownloadTooLargeError(`${key} exceeds ${config.maxDownloadBytes} bytes`);
        }
        chunks.push(chunk);
      }
      return { bytes: Buffer.concat(chunks), contentType: head.contentType ?? 'application/octet-stream' };
    });
  }
}
