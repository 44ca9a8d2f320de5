// storeAssignmentImage (spec 003 components 4-5): optimise, fall back to the original when
// optimisation fails, upload with the spec's metadata, then record the result on the assignment.
import { randomUUID } from 'node:crypto';
import { AssignmentId, assignmentImageKey, type ImageMetadata } from '@edgecv/domain';
import type { AssignmentRepository, GenerationMetadata, StoredImageMetadata } from '../ports/AssignmentRepository';
import type { Clock } from '../ports/Clock';
import type { ImageOptimizer } from '../ports/ImageOptimizer';
import type { Logger } from '../ports/Logger';
import type { ObjectStore } from '../ports/ObjectStore';
import { ImageOperationLog, describeError } from './ImageOperationLog';
import { cloudfrontUrl, type ImageStorageConfig } from './ImageStorageConfig';
import { ImageUploader, realSleep, type Sleep } from './ImageUploader';
import { sniffImageFormat } from './sniffImageFormat';

export interface StoreImageContext {
  readonly teacherId: string;
  readonly prompt?: string;
  readonly correlationId?: string;
  /** Recorded in image_metadata when the image was generated. */
  readonly generation?: GenerationMetadata;
}

export interface StoredAssignmentImage {
  readonly assignmentId: string;
  readonly bucket: string;
  readonly key: string;
  readonly contentType: string;
  readonly cloudfrontUrl?: string;
  readonly imageMetadata: StoredImageMetadata;
  readonly optimized: boolean;
  readonly attempts: number;
  readonly outcome: 'created' | 'unchanged' | 'replaced';
  readonly correlationId: string;
  /** Non-fatal problems, e.g. the optimiser failed and the original was stored. */
  readonly warnings: readonly string[];
}

export interface StoreAssignmentImageDeps {
  readonly optimizer: ImageOptimizer;
  readonly store: ObjectStore;
  readonly assignments: AssignmentRepository;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: ImageStorageConfig;
  readonly sleep?: Sleep;
}

export class StoreAssignmentImage {
  private readonly uploader: ImageUploader;

  constructor(private readonly deps: StoreAssignmentImageDeps) {
    this.uploader = new ImageUploader(deps.store, deps.config, deps.sleep ?? realSleep);
  }

  async execute(assignmentId: string, bytes: Uint8Array, context: StoreImageContext): Promise<StoredAssignmentImage> {
    const { optimizer, assignments, clock, logger, config } = this.deps;
    AssignmentId.parse(assignmentId); // before anything is written
    const correlationId = context.correlationId ?? randomUUID();
    const log = new ImageOperationLog(logger, clock, { correlationId, assignmentId, teacherId: context.teacherId });
    const createdAt = clock.now();
    const documentFields = { teacherId: context.teacherId, ...(context.prompt !== undefined ? { prompt: context.prompt } : {}), createdAt: createdAt.getTime() / 1000 };
    await assignments.upsertImage(assignmentId, { ...documentFields, s3UploadStatus: 'pending' });

    const warnings: string[] = [];
    let prepared: { bytes: Uint8Array; contentType: string; metadata: StoredImageMetadata; originalFormat: string; optimized: boolean };
    try {
      const result = await optimizer.optimize(bytes, { correlationId });
      prepared = { ...result, metadata: toStoredMetadata(result.metadata), originalFormat: result.metadata.originalFormat };
      log.record('info', 'optimize', 'success', { ...result.metadata, encoding: result.encoding });
    } catch (error) {
      // Spec 003 property 19: a failed optimisation never loses the image; the original goes up.
      const sniffed = sniffImageFormat(bytes);
      prepared = {
        bytes,
        contentType: sniffed.contentType,
        optimized: false,
        metadata: { originalSizeBytes: bytes.byteLength, optimizedSizeBytes: bytes.byteLength, compressionRatio: 1, format: sniffed.format, dimensions: 'unknown' },
        originalFormat: sniffed.format,
      };
      warnings.push('The image could not be optimised; the original was stored.');
      log.record('warn', 'optimize', 'fallback', { ...describeError(error), bytes: bytes.byteLength, originalFormat: sniffed.format });
    }

    const key = assignmentImageKey(assignmentId, prepared.optimized && prepared.metadata.format === 'webp' ? 'webp' : 'png');
    const metadata = {
      'assignment-id': assignmentId,
      'teacher-id': headerSafe(context.teacherId),
      'created-at': createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      'original-format': prepared.originalFormat,
      optimized: String(prepared.optimized),
    };
    let upload;
    try {
      upload = await this.uploader.upload({ assignmentId, correlationId, key: key.toString(), bytes: prepared.bytes, contentType: prepared.contentType, metadata }, log);
    } catch (error) {
      const attempts = (error as { attempts?: number }).attempts ?? 1;
      await assignments.upsertImage(assignmentId, { ...documentFields, s3UploadStatus: 'failed', s3UploadAttempts: attempts });
      throw error;
    }

    const imageMetadata = context.generation ? { ...prepared.metadata, generation: context.generation } : prepared.metadata;
    const url = config.cloudfrontDomain ? cloudfrontUrl(config.cloudfrontDomain, key.toString()) : undefined;
    await assignments.upsertImage(assignmentId, {
      ...documentFields,
      s3ImageKey: key.toString(),
      ...(url !== undefined ? { cloudfrontUrl: url } : {}),
      imageMetadata,
      s3UploadStatus: 'success',
      s3UploadAttempts: upload.attempts,
    });
    return {
      assignmentId,
      bucket: config.bucket,
      key: key.toString(),
      contentType: prepared.contentType,
      ...(url !== undefined ? { cloudfrontUrl: url } : {}),
      imageMetadata,
      optimized: prepared.optimized,
      attempts: upload.attempts,
      outcome: upload.outcome,
      correlationId,
      warnings,
    };
  }
}

export function toStoredMetadata(m: ImageMetadata): StoredImageMetadata {
  return {
    originalSizeBytes: m.originalSize,
    optimizedSizeBytes: m.optimizedSize,
    compressionRatio: Math.round(m.ratio * 10_000) / 10_000,
    format: m.format,
    dimensions: `${m.width}x${m.height}`,
  };
}

/** S3 user metadata travels in HTTP headers: anything beyond printable ASCII is percent-encoded. */
export function headerSafe(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}
