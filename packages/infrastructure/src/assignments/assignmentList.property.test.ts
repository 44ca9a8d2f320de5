// Listing is a model check against MongoDB: whatever the documents (equal created_at, documents
// without one, several teachers) and whatever the page size, following the cursors yields every
// assignment exactly once, newest first, ties by id descending.
import fc from 'fast-check';
import type { Db } from 'mongodb';
import { ListAssignments } from '@edgecv/use-cases';
import { testMongoUri, uniqueName } from '@edgecv/test-harness';
import { connectMongo, type MongoConnection } from '../mongo/connectMongo';
import { MongoAssignmentCatalog } from '../mongo/MongoAssignmentCatalog';

describe('ListAssignments on MongoDB', () => {
  let mongo: MongoConnection;
  let db: Db;
  let list: ListAssignments;
  beforeAll(async () => {
    mongo = await connectMongo(testMongoUri());
    db = mongo.client.db(uniqueName('assignment-list'));
    const catalog = new MongoAssignmentCatalog(db);
    await catalog.ensureIndexes();
    list = new ListAssignments(catalog);
  });
  afterAll(async () => {
    await db.dropDatabase();
    await mongo.close();
  });

  const docArb = fc.record({
    id: fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom(...'abc0123') }),
    teacher: fc.constantFrom('t-a', 't-b', 't-c'),
    createdAt: fc.option(fc.constantFrom(1732612345.5, 1732612345.678, 1732612400, 1732700000), { nil: null }),
  });

  it('pages through every assignment exactly once, newest first, for any page size and teacher filter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(docArb, { selector: (d) => d.id, maxLength: 14 }), fc.integer({ min: 1, max: 5 }), fc.option(fc.constantFrom('t-a', 't-b'), { nil: undefined }), async (docs, limit, teacherId) => {
        await db.collection('assignments').deleteMany({});
        for (const d of docs) {
          await db.collection('assignments').insertOne({ assignment_id: d.id, teacher_id: d.teacher, question_answers: '[{"question":"q"}]', ...(d.createdAt === null ? {} : { created_at: d.createdAt }), s3_upload_status: 'no_image' });
        }
        const expected = docs
          .filter((d) => teacherId === undefined || d.teacher === teacherId)
          .sort((a, b) => (b.createdAt ?? -Infinity) - (a.createdAt ?? -Infinity) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
          .map((d) => d.id);
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < 20; page++) {
          const result = await list.execute({ limit, ...(cursor ? { cursor } : {}), ...(teacherId ? { teacherId } : {}) });
          expect(result.items.length).toBeLessThanOrEqual(limit);
          seen.push(...result.items.map((i) => i.assignmentId));
          cursor = result.nextCursor;
          if (!cursor) break;
        }
        expect(seen).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});
