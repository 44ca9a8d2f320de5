// The images MongoDB assignments point at (spec 003), as references the migration can count,
// check and cut over. Documents hold keys of the images bucket, not URIs: the store turns them
// into `s3://{bucket}/{key}` on the way out and back into keys on the way in, and writes nothing
// but the one key field (the rest of a document, cloudfront_url included, is the portal's).
import type { Collection, Db, Filter } from 'mongodb';
import { legacyImageKey, type ArtifactReference, type ArtifactReferenceStore, type ReplaceOutcome } from '@edgecv/use-cases';
import { DEFAULT_ASSIGNMENTS_COLLECTION, type AssignmentDocument } from './MongoAssignmentRepository';
import { ForeignImageUriError, UnknownAssignmentAttributeError } from './MongoAssignmentReferenceStoreErrors';
import { mongoCall, mongoCursor } from './mongoErrors';

export const ASSIGNMENT_REFERENCE_STORE = 'assignment';

/** `s3_image_key` (the WebP of spec 003) and `s3_image_name` (the legacy PNG, a key or a bare file name). */
export const ASSIGNMENT_IMAGE_ATTRIBUTES = Object.freeze(['s3_image_key', 's3_image_name'] as const);
export type AssignmentImageAttribute = (typeof ASSIGNMENT_IMAGE_ATTRIBUTES)[number];

export interface MongoAssignmentReferenceStoreOptions {
  /** The bucket the keys live in (EDGECV_IMAGES_BUCKET). */
  readonly bucket: string;
  readonly collection?: string;
  readonly batchSize?: number;
}

type ReferenceFields = Pick<AssignmentDocument, 'assignment_id' | AssignmentImageAttribute>;

export class MongoAssignmentReferenceStore implements ArtifactReferenceStore {
  readonly name = ASSIGNMENT_REFERENCE_STORE;
  readonly bucket: string;
  private readonly db: Promise<Db>;
  private readonly collectionName: string;
  private readonly batchSize: number;

  /** `db` may still be connecting, so a container can build the store synchronously. */
  constructor(db: Db | PromiseLike<Db>, options: MongoAssignmentReferenceStoreOptions) {
    this.db = Promise.resolve(db);
    this.db.catch(() => undefined); // a failed connection is reported to the call that awaits it
    this.bucket = options.bucket;
    this.collectionName = options.collection ?? DEFAULT_ASSIGNMENTS_COLLECTION;
    this.batchSize = options.batchSize ?? 500;
  }

  async *list(): AsyncIterable<ArtifactReference> {
    const collection = await this.collection();
    // Portal documents use absence, null and '' alike for "no image".
    const held = { $exists: true, $nin: [null, ''] };
    const filter = { $or: [{ s3_image_key: held }, { s3_image_name: held }] } as Filter<AssignmentDocument>;
    const cursor = collection
      .find(filter, { projection: { _id: 0, assignment_id: 1, s3_image_key: 1, s3_image_name: 1 } })
      .sort({ assignment_id: 1 })
      .batchSize(this.batchSize);
    try {
      for await (const doc of mongoCursor('find', () => cursor as AsyncIterable<ReferenceFields>)) {
        const recordId = String(doc.assignment_id);
        for (const attribute of ASSIGNMENT_IMAGE_ATTRIBUTES) {
          const key = keyHeldIn(attribute, doc[attribute]);
          if (key !== undefined) yield { store: this.name, recordId, attribute, uri: `s3://${this.bucket}/${key}` };
        }
      }
    } finally {
      await cursor.close();
    }
  }

  async replace(recordId: string, attribute: string, expectedUri: string, newUri: string): Promise<ReplaceOutcome> {
    const field = imageAttribute(attribute);
    const expectedKey = this.keyOf(expectedUri);
    const newKey = this.keyOf(newUri);
    return mongoCall('updateOne', () => this.replaceKey(recordId, field, expectedKey, newKey));
  }

  private async replaceKey(recordId: string, field: AssignmentImageAttribute, expectedKey: string, newKey: string): Promise<ReplaceOutcome> {
    const collection = await this.collection();
    const set = { $set: { [field]: newKey } };
    // Matched means the field held the expected key when the write applied: the write is the check.
    const exact = await collection.updateOne({ assignment_id: recordId, [field]: expectedKey } as Filter<AssignmentDocument>, set);
    if (exact.matchedCount > 0) return 'replaced';
    if (field !== 's3_image_name') return 'mismatch';
    // A legacy name may be stored in another spelling of the same key (a bare file name, a
    // leading `/`): read that spelling, then write conditioned on it, so a concurrent change still wins.
    const doc = await collection.findOne({ assignment_id: recordId }, { projection: { _id: 0, s3_image_name: 1 } });
    const stored: unknown = doc?.s3_image_name;
    if (typeof stored !== 'string' || keyHeldIn(field, stored) !== expectedKey) return 'mismatch';
    const spelled = await collection.updateOne({ assignment_id: recordId, s3_image_name: stored }, set);
    return spelled.matchedCount > 0 ? 'replaced' : 'mismatch';
  }

  private async collection(): Promise<Collection<AssignmentDocument>> {
    return (await this.db).collection<AssignmentDocument>(this.collectionName);
  }

  private keyOf(uri: string): string {
    const prefix = `s3://${this.bucket}/`;
    if (!uri.startsWith(prefix) || uri.length === prefix.length) throw new ForeignImageUriError(uri, this.bucket);
    return uri.slice(prefix.length);
  }
}

/** The object key a field's value names, or undefined when it names none. */
function keyHeldIn(attribute: AssignmentImageAttribute, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const key = attribute === 's3_image_name' ? legacyImageKey(value) : value;
  return key === '' ? undefined : key;
}

function imageAttribute(attribute: string): AssignmentImageAttribute {
  const known = ASSIGNMENT_IMAGE_ATTRIBUTES.find((a) => a === attribute);
  if (known === undefined) throw new UnknownAssignmentAttributeError(attribute, ASSIGNMENT_IMAGE_ATTRIBUTES);
  return known;
}
