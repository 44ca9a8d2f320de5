// backfillImages (DESIGN §6a, last row): legacy PNGs become WebP. Legacy images are found in two
// streams, read one after the other and never collected: the bucket listing under
// generated_images/ and the documents that still carry s3_image_name. Each image is re-encoded,
// uploaded, read back and verified, the document is pointed at it, and only then is the original
// deleted. Every step is idempotent, so an interrupted run is resumed by running it again.
import { createHash, randomUUID } from 'node:crypto';
import { EdgecvError, assignmentImageKey } from '@edgecv/domain';
import type { AssignmentImageRecord } from '../ports/AssignmentRepository';
import { ObjectNotFoundError } from '../ports/ObjectStoreErrors';
import { failureMessage } from '../ports/ServiceErrors';
import { ImageOperationLog, describeError } from './ImageOperationLog';
import { cloudfrontUrl } from './ImageStorageConfig';
import { ImageUploader, realSleep } from './ImageUploader';
import { inFlight } from './inFlight';
import { LEGACY_IMAGE_FOLDER, legacyImageKey } from './legacyImageKey';
import { toStoredMetadata, type StoreAssignmentImageDeps } from './StoreAssignmentImage';

const LEGACY_PNG = /^generated_images\/([^/]+)\.png$/;
export const SOURCE_SHA256_METADATA = 'source-sha256';

/** A backfill step that did not hold: the converted copy did not read back, or the PNG stayed. */
export class BackfillStepError extends EdgecvError {
  override readonly name = 'BackfillStepError';
  constructor(
    readonly code: 'DELETE_FAILED' | 'VERIFICATION_FAILED',
    message: string,
  ) {
    super(message);
  }
}

export type BackfillEvent =
  | {
      readonly type: 'converted';
      readonly assignmentId: string;
      readonly from: string;
      readonly to: string;
      readonly originalBytes: number;
      readonly optimizedBytes: number;
      readonly compressionRatio: number;
      readonly documentUpdated: boolean;
      readonly originalDeleted: boolean;
    }
  | { readonly type: 'planned'; readonly assignmentId: string; readonly from: string; readonly to: string; readonly hasDocument: boolean; readonly originalBytes: number }
  | { readonly type: 'skipped'; readonly assignmentId: string; readonly from: string; readonly reason: 'missing-source' | 'kept-original' | 'invalid-id' | 'already-converted' }
  | { readonly type: 'failed'; readonly assignmentId: string; readonly from: string; readonly code: string; readonly message: string };

export interface BackfillOptions {
  readonly dryRun?: boolean;
  /** Delete a PNG once its WebP is verified and its document points at the WebP (default true). */
  readonly deleteOriginals?: boolean;
  /** Images converted at once (1 by default); events come in the order conversions finish. */
  readonly concurrency?: number;
}

/** The backfill re-encodes and uploads exactly as storing an image does, with the same collaborators. */
export type BackfillImagesDeps = StoreAssignmentImageDeps;

export class BackfillImages {
  private readonly uploader: ImageUploader;

  constructor(private readonly deps: BackfillImagesDeps) {
    this.uploader = new ImageUploader(deps.store, deps.config, deps.sleep ?? realSleep);
  }

  async *execute(options: BackfillOptions = {}): AsyncIterable<BackfillEvent> {
    const limit = options.concurrency ?? 1;
    // The two streams one after the other: the documents are read once the listing's
    // conversions have settled (and unset the names they dealt with).
    yield* inFlight(this.fromListing(options), limit);
    for await (const event of inFlight(this.fromDocuments(options), limit)) if (event) yield event;
  }

  private async *fromListing(options: BackfillOptions): AsyncIterable<() => Promise<BackfillEvent>> {
    const { store, assignments, config } = this.deps;
    for await (const object of store.list(config.bucket, LEGACY_IMAGE_FOLDER)) {
      const match = LEGACY_PNG.exec(object.key);
      if (!match?.[1]) continue;
      const assignmentId = match[1];
      yield async () => this.convert(assignmentId, object.key, await assignments.find(assignmentId), options);
    }
  }

  private async *fromDocuments(options: BackfillOptions): AsyncIterable<() => Promise<BackfillEvent | undefined>> {
    const { store, assignments, config } = this.deps;
    for await (const record of assignments.legacyImages()) {
      if (!record.legacyImageName) continue;
      const from = legacyImageKey(record.legacyImageName);
      if (LEGACY_PNG.test(from)) {
        // The listing above covered every PNG that exists in generated_images/; what is left to
        // say about such a document is that its image is gone.
        yield async () => ((await store.head(config.bucket, from)) ? undefined : { type: 'skipped', assignmentId: record.assignmentId, from, reason: 'missing-source' });
        continue;
      }
      yield () => this.convert(record.assignmentId, from, record, options);
    }
  }

  private async convert(assignmentId: string, from: string, record: AssignmentImageRecord | undefined, options: BackfillOptions): Promise<BackfillEvent> {
    const { optimizer, store, assignments, config, logger, clock } = this.deps;
    const correlationId = randomUUID();
    const log = new ImageOperationLog(logger, clock, { correlationId, assignmentId, ...(record?.teacherId ? { teacherId: record.teacherId } : {}) });
    let to: string;
    try {
      to = assignmentImageKey(assignmentId).toString();
    } catch {
      return { type: 'skipped', assignmentId, from, reason: 'invalid-id' };
    }
    try {
      const original = await this.read(from);
      if (!original) return { type: 'skipped', assignmentId, from, reason: 'missing-source' };
      const sourceSha = createHash('sha256').update(original).digest('hex');
      if (!record) {
        // No document to cut over, so the PNG stays; once its WebP exists there is nothing left to do.
        const existing = await store.head(config.bucket, to);
        if (existing?.metadata[SOURCE_SHA256_METADATA] === sourceSha) return { type: 'skipped', assignmentId, from, reason: 'already-converted' };
      }
      if (options.dryRun) return { type: 'planned', assignmentId, from, to, hasDocument: record !== undefined, originalBytes: original.byteLength };

      const optimized = await optimizer.optimize(original, { correlationId });
      if (optimized.metadata.format !== 'webp') {
        log.record('info', 'backfill', 'skipped', { from, reason: 'kept-original' });
        return { type: 'skipped', assignmentId, from, reason: 'kept-original' };
      }
      const createdAt = record?.createdAt !== undefined ? new Date(record.createdAt * 1000) : clock.now();
      const upload = await this.uploader.upload(
        {
          assignmentId,
          correlationId,
          key: to,
          bytes: optimized.bytes,
          contentType: optimized.contentType,
          metadata: {
            'assignment-id': assignmentId,
            ...(record?.teacherId ? { 'teacher-id': encodeURIComponent(record.teacherId) } : {}),
            'created-at': createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
            'original-format': optimized.metadata.originalFormat,
            optimized: 'true',
            [SOURCE_SHA256_METADATA]: sourceSha,
          },
        },
        log,
      );
      // Verified means read back byte for byte, not just acknowledged.
      const stored = await this.read(to);
      const storedSha = stored ? createHash('sha256').update(stored).digest('hex') : undefined;
      if (storedSha !== upload.sha256) throw new BackfillStepError('VERIFICATION_FAILED', `${to} did not read back as written`);

      const imageMetadata = toStoredMetadata(optimized.metadata);
      const deleteOriginal = (options.deleteOriginals ?? true) && record !== undefined;
      if (record) {
        await assignments.upsertImage(assignmentId, {
          s3ImageKey: to,
          ...(config.cloudfrontDomain ? { cloudfrontUrl: cloudfrontUrl(config.cloudfrontDomain, to) } : {}),
          imageMetadata,
          s3UploadStatus: 'success',
          s3UploadAttempts: upload.attempts,
        });
      }
      if (deleteOriginal) {
        const deleted = await store.deleteMany(config.bucket, [{ key: from }]);
        if (deleted.errors.length > 0) throw new BackfillStepError('DELETE_FAILED', `could not delete ${from}: ${deleted.errors[0]?.message}`);
        // Only now does the document forget the PNG: until it is gone, s3_image_name is how a
        // later run finds it again.
        await assignments.upsertImage(assignmentId, { s3UploadStatus: 'success', clearLegacyImageName: true });
      }
      log.record('info', 'backfill', 'success', { from, to, documentUpdated: record !== undefined, originalDeleted: deleteOriginal });
      return {
        type: 'converted',
        assignmentId,
        from,
        to,
        originalBytes: original.byteLength,
        optimizedBytes: optimized.bytes.byteLength,
        compressionRatio: imageMetadata.compressionRatio,
        documentUpdated: record !== undefined,
        originalDeleted: deleteOriginal,
      };
    } catch (error) {
      log.record('error', 'backfill', 'failure', { from, ...describeError(error) });
      return { type: 'failed', assignmentId, from, code: error instanceof EdgecvError ? error.code : 'BACKFILL_FAILED', message: failureMessage(error) };
    }
  }

  private async read(key: string): Promise<Buffer | undefined> {
    const { store, config } = this.deps;
    try {
      const stream = await store.getStream(config.bucket, key);
      const chunks: Buffer[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
      return Buffer.concat(chunks);
    } catch (error) {
      if (error instanceof ObjectNotFoundError) return undefined;
      throw error;
    }
  }
}
