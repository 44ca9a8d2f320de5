// AssignmentCatalog on MongoDB: the portal's side of spec 003's documents (questions,
// created_at, the teacher) in the same `assignments` collection as the image fields, listed
// newest first through an index that serves the sort and the teacher filter.
import { mongoCall } from './mongoErrors';
import type { Collection, Db, Filter } from 'mongodb';
import type { AssignmentCursor } from '@edgecv/domain';
import { AssignmentAlreadyExistsError, type AssignmentCatalog, type AssignmentListQuery, type AssignmentRecord, type ImageFailure, type NewAssignment } from '@edgecv/use-cases';
import { DEFAULT_ASSIGNMENTS_COLLECTION, imageRecordOf, type AssignmentDocument } from './MongoAssignmentRepository';

export class MongoAssignmentCatalog implements AssignmentCatalog {
  private readonly collection: Collection<AssignmentDocument>;

  constructor(db: Db, collectionName = DEFAULT_ASSIGNMENTS_COLLECTION) {
    this.collection = db.collection<AssignmentDocument>(collectionName);
  }

  /** The unique id (shared with MongoAssignmentRepository) and the two list orders. */
  async ensureIndexes(): Promise<void> {
    return mongoCall('ensureIndexes', async () => {
      await this.collection.createIndex({ assignment_id: 1 }, { unique: true, name: 'assignment_id_unique' });
      await this.collection.createIndex({ created_at: -1, assignment_id: -1 }, { name: 'newest_first' });
      await this.collection.createIndex({ teacher_id: 1, created_at: -1, assignment_id: -1 }, { name: 'teacher_newest_first' });
    });
  }

  async insert(a: NewAssignment): Promise<void> {
    return mongoCall('insert', async () => {
      try {
        await this.collection.insertOne({
          assignment_id: a.assignmentId,
          teacher_id: a.teacherId,
          ...(a.prompt !== undefined ? { prompt: a.prompt } : {}),
          question_answers: JSON.stringify(a.questions.map((question) => ({ question }))),
          created_at: a.createdAt,
          s3_upload_status: a.s3UploadStatus,
        });
      } catch (error) {
        if ((error as { code?: unknown }).code === 11000) throw new AssignmentAlreadyExistsError(a.assignmentId);
        throw error;
      }
    });
  }

  async get(assignmentId: string): Promise<AssignmentRecord | undefined> {
    return mongoCall('get', async () => {
      const doc = await this.collection.findOne({ assignment_id: assignmentId });
      return doc ? recordOf(doc) : undefined;
    });
  }

  async list(query: AssignmentListQuery): Promise<readonly AssignmentRecord[]> {
    return mongoCall('list', async () => {
      const filter: Filter<AssignmentDocument> = {
        ...(query.teacherId !== undefined ? { teacher_id: query.teacherId } : {}),
        ...(query.after ? after(query.after) : {}),
      };
      const docs = await this.collection.find(filter).sort({ created_at: -1, assignment_id: -1 }).limit(query.limit).toArray();
      return docs.map(recordOf);
    });
  }

  async recordImageFailure(assignmentId: string, failure: ImageFailure, attempts?: number): Promise<void> {
    return mongoCall('recordImageFailure', async () => {
      await this.collection.updateOne(
        { assignment_id: assignmentId },
        {
          $set: {
            s3_upload_status: 'failed',
            ...(attempts !== undefined ? { s3_upload_attempts: attempts } : {}),
            image_error: { code: failure.code, message: failure.message, correlation_id: failure.correlationId },
          },
        },
      );
    });
  }

  async delete(assignmentId: string): Promise<boolean> {
    return mongoCall('delete', async () => {
      return (await this.collection.deleteOne({ assignment_id: assignmentId })).deletedCount > 0;
    });
  }
}

/**
 * Strictly after the cursor in (created_at desc, assignment_id desc) order. MongoDB sorts a
 * missing created_at below every number, so such documents come last, by id.
 */
function after(cursor: AssignmentCursor): Filter<AssignmentDocument> {
  const noDate = { $or: [{ created_at: { $exists: false } }, { created_at: null }] } as Filter<AssignmentDocument>;
  if (cursor.createdAt === null) return { $and: [noDate, { assignment_id: { $lt: cursor.assignmentId } }] } as Filter<AssignmentDocument>;
  return {
    $or: [{ created_at: { $lt: cursor.createdAt } }, { created_at: cursor.createdAt, assignment_id: { $lt: cursor.assignmentId } }, ...(noDate.$or as object[])],
  } as Filter<AssignmentDocument>;
}

function recordOf(doc: AssignmentDocument): AssignmentRecord {
  const e = doc.image_error;
  return {
    ...imageRecordOf(doc),
    questions: questionsOf(doc.question_answers),
    ...(e && typeof e.message === 'string' ? { imageFailure: { code: e.code, message: e.message, correlationId: e.correlation_id } } : {}),
  };
}

/**
 * Questions as the portal wrote them: a JSON text or an array, of strings or of objects with a
 * `question` (older documents: `q`, `text`). Anything unreadable reads as no questions.
 */
export function questionsOf(value: unknown): readonly string[] {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(list)) return [];
  return list
    .map((item: unknown) => {
      if (typeof item === 'string') return item;
      const o = item as { question?: unknown; q?: unknown; text?: unknown } | null;
      const text = o?.question ?? o?.q ?? o?.text;
      return typeof text === 'string' ? text : undefined;
    })
    .filter((q): q is string => q !== undefined && q.trim() !== '');
}
