// Where a plan learns which objects a bucket holds: a listing of the bucket itself, or a report
// about it (an S3 Inventory). Every source yields the same summaries, so the plan cannot tell them
// apart and plans the same records from either.
import type { ObjectSummary } from './ObjectStore';

/** Which objects a plan asks an ObjectSource for. */
export interface ObjectSourceQuery {
  readonly bucket: string;
  /** Only keys under this prefix ('' for all). */
  readonly prefix: string;
  /** The bucket keeps versions: every summary must pin its current version id. */
  readonly versioned: boolean;
}

/**
 * Where a plan learns which objects a bucket holds: a listing of the bucket, or a report about it
 * (an S3 Inventory); both yield the same summaries, so a plan is the same from either.
 */
export interface ObjectSource {
  /**
   * The current version of every object under the prefix, each exactly once (never a delete
   * marker), in an order that depends only on the objects, never on timing. Memory stays flat.
   */
  currentObjects(query: ObjectSourceQuery): AsyncIterable<ObjectSummary>;
}
