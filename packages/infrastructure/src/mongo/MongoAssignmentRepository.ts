// AssignmentRepository on MongoDB with the official driver, in the document shape of spec 003
// (snake_case fields in the portal's `assignments` collection). Only image fields are written;
// the rest of a document belongs to the portal and is never touched.
import type { Collection, Db, Document, Filter, UpdateFilter } from 'mongodb';
import type { AssignmentImageRecord, AssignmentImageUpdate, AssignmentRepository, S3UploadStatus, StoredImageMetadata } from '@edgecv/use-cases';
import { mongoCall, mongoCursor } from './mongoErrors';

export const DEFAULT_ASSIGNMENTS_COLLECTION = 'assignments';

export interface AssignmentDocument extends Document {
  assignment_id: string;
  teacher_id?: string;
  prompt?: string;
  s3_image_key?: string;
  s3_image_name?: string;
  cloudfront_url?: string;
  image_metadata?: {
    original_size_bytes: number;
    optimized_size_bytes: number;
    compression_ratio: number;
    format: string;
    dimensions: string;
    generation?: { model: string; seed: number; request_hash: string; cached: boolean };
  };
  /** Questions as the portal stores them: a JSON text (spec 003 shows `"[{...}]"`). */
  question_answers?: unknown;
  /** Why the picture failed, in the words the teacher read. */
  image_error?: { code: string; message: string; correlation_id: string };
  created_at?: number;
  s3_upload_status?: S3UploadStatus;
  s3_upload_attempts?: number;
}

export class MongoAssignmentRepository implements AssignmentRepository {
  private readonly collection: Collection<AssignmentDocument>;

  constructor(db: Db, collectionName = DEFAULT_ASSIGNMENTS_COLLECTION) {
    this.collection = db.collection<AssignmentDocument>(collectionName);
  }

  /** One document per assignment: the unique index makes a second insert fail, not duplicate. */
  async ensureIndexes(): Promise<void> {
    await mongoCall('createIndex', () => this.collection.createIndex({ assignment_id: 1 }, { unique: true, name: 'assignment_id_unique' }));
  }

  async find(assignmentId: string): Promise<AssignmentImageRecord | undefined> {
    const doc = await mongoCall('findOne', () => this.collection.findOne({ assignment_id: assignmentId }));
    return doc ? toRecord(doc) : undefined;
  }

  async upsertImage(assignmentId: string, update: AssignmentImageUpdate): Promise<void> {
    const set: Partial<AssignmentDocument> = { s3_upload_status: update.s3UploadStatus };
    if (update.teacherId !== undefined) set.teacher_id = update.teacherId;
    if (update.prompt !== undefined) set.prompt = update.prompt;
    if (update.s3ImageKey !== undefined) set.s3_image_key = update.s3ImageKey;
    if (update.cloudfrontUrl !== undefined) set.cloudfront_url = update.cloudfrontUrl;
    if (update.imageMetadata !== undefined) set.image_metadata = toDocumentMetadata(update.imageMetadata);
    if (update.s3UploadAttempts !== undefined) set.s3_upload_attempts = update.s3UploadAttempts;
    const change: UpdateFilter<AssignmentDocument> = { $set: set };
    if (update.createdAt !== undefined) change.$setOnInsert = { created_at: update.createdAt };
    // A reason for a failure is only true while the upload status says failed.
    const unset: Record<string, ''> = update.s3UploadStatus === 'failed' ? {} : { image_error: '' };
    if (update.clearLegacyImageName) unset.s3_image_name = '';
    if (Object.keys(unset).length > 0) change.$unset = unset;
    await mongoCall('updateOne', async () => {
      try {
        await this.collection.updateOne({ assignment_id: assignmentId }, change, { upsert: true });
      } catch (error) {
        // Two concurrent upserts of a new id: one inserts, the other hits the unique index
        // (E11000) and, the document now existing, succeeds as a plain update.
        if ((error as { code?: unknown }).code !== 11000) throw error;
        await this.collection.updateOne({ assignment_id: assignmentId }, change);
      }
    });
  }

  async clearImage(assignmentId: string): Promise<void> {
    await mongoCall('updateOne', () =>
      this.collection.updateOne(
        { assignment_id: assignmentId },
        { $unset: { s3_image_key: '', cloudfront_url: '', image_metadata: '', s3_image_name: '', image_error: '' }, $set: { s3_upload_status: 'no_image' } },
      ),
    );
  }

  async *legacyImages(): AsyncIterable<AssignmentImageRecord> {
    // Portal documents may hold explicit nulls, which the typed filter cannot express.
    const filter = { s3_image_name: { $exists: true, $nin: [null, ''] } } as Filter<AssignmentDocument>;
    const cursor = this.collection.find(filter).sort({ assignment_id: 1 }).batchSize(500);
    try {
      for await (const doc of mongoCursor('find', () => cursor)) yield toRecord(doc);
    } finally {
      await cursor.close();
    }
  }
}

/** Set and not null: portal documents use both absence and null for "none". */
function present<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

function toDocumentMetadata(m: StoredImageMetadata): NonNullable<AssignmentDocument['image_metadata']> {
  return {
    original_size_bytes: m.originalSizeBytes,
    optimized_size_bytes: m.optimizedSizeBytes,
    compression_ratio: m.compressionRatio,
    format: m.format,
    dimensions: m.dimensions,
    ...(m.generation
      ? { generation: { model: m.generation.model, seed: m.generation.seed, request_hash: m.generation.requestHash, cached: m.generation.cached } }
      : {}),
  };
}

/** The image fields of a document, as the use cases read them. */
export function imageRecordOf(doc: AssignmentDocument): AssignmentImageRecord {
  return toRecord(doc);
}

function toRecord(doc: AssignmentDocument): AssignmentImageRecord {
  const m = doc.image_metadata;
  return {
    assignmentId: doc.assignment_id,
    ...(present(doc.teacher_id) ? { teacherId: doc.teacher_id } : {}),
    ...(present(doc.prompt) ? { prompt: doc.prompt } : {}),
    ...(present(doc.s3_image_key) ? { s3ImageKey: doc.s3_image_key } : {}),
    ...(present(doc.cloudfront_url) ? { cloudfrontUrl: doc.cloudfront_url } : {}),
    ...(present(m)
      ? {
          imageMetadata: {
            originalSizeBytes: m.original_size_bytes,
            optimizedSizeBytes: m.optimized_size_bytes,
            compressionRatio: m.compression_ratio,
            format: m.format,
            dimensions: m.dimensions,
            ...(present(m.generation)
              ? { generation: { model: m.generation.model, seed: m.generation.seed, requestHash: m.generation.request_hash, cached: m.generation.cached } }
              : {}),
          },
        }
      : {}),
    ...(present(doc.s3_upload_status) ? { s3UploadStatus: doc.s3_upload_status } : {}),
    ...(present(doc.s3_upload_attempts) ? { s3UploadAttempts: doc.s3_upload_attempts } : {}),
    ...(present(doc.s3_image_name) && doc.s3_image_name !== '' ? { legacyImageName: doc.s3_image_name } : {}),
    ...(present(doc.created_at) ? { createdAt: doc.created_at } : {}),
  };
}
