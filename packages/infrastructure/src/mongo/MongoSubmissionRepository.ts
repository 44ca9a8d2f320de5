// SubmissionRepository on MongoDB: one document per (assignment, student) in
// `assignment_submissions`, so an assignment document never grows with its class.
import { mongoCall } from './mongoErrors';
import type { Collection, Db } from 'mongodb';
import type { Submission, SubmissionRepository } from '@edgecv/use-cases';

export const DEFAULT_SUBMISSIONS_COLLECTION = 'assignment_submissions';

interface SubmissionDocument {
  assignment_id: string;
  student_id: string;
  answers: { question: string; answer: string }[];
  submitted_at: number;
}

export class MongoSubmissionRepository implements SubmissionRepository {
  private readonly collection: Collection<SubmissionDocument>;

  constructor(db: Db, collectionName = DEFAULT_SUBMISSIONS_COLLECTION) {
    this.collection = db.collection<SubmissionDocument>(collectionName);
  }

  async ensureIndexes(): Promise<void> {
    return mongoCall('ensureIndexes', async () => {
      await this.collection.createIndex({ assignment_id: 1, student_id: 1 }, { unique: true, name: 'assignment_student_unique' });
    });
  }

  async save(s: Submission): Promise<{ readonly replaced: boolean }> {
    return mongoCall('save', async () => {
      const doc = { assignment_id: s.assignmentId, student_id: s.studentId, answers: s.answers.map((a) => ({ question: a.question, answer: a.answer })), submitted_at: s.submittedAt };
      const filter = { assignment_id: s.assignmentId, student_id: s.studentId };
      try {
        const result = await this.collection.replaceOne(filter, doc, { upsert: true });
        return { replaced: result.matchedCount > 0 };
      } catch (error) {
        // Two first submissions at once: the loser of the insert race replaces the winner's.
        if ((error as { code?: unknown }).code !== 11000) throw error;
        await this.collection.replaceOne(filter, doc);
        return { replaced: true };
      }
    });
  }

  async find(assignmentId: string, studentId: string): Promise<Submission | undefined> {
    return mongoCall('find', async () => {
      const doc = await this.collection.findOne({ assignment_id: assignmentId, student_id: studentId });
      return doc ? { assignmentId: doc.assignment_id, studentId: doc.student_id, answers: doc.answers, submittedAt: doc.submitted_at } : undefined;
    });
  }

  async deleteForAssignment(assignmentId: string): Promise<number> {
    return mongoCall('deleteForAssignment', async () => {
      return (await this.collection.deleteMany({ assignment_id: assignmentId })).deletedCount;
    });
  }
}
