// Where a plan learns which objects a bucket holds: a listing of the bucket itself, or a report
// about it (an S3 Inventory). Every source yields the same summaries, so the plan cannot tell them
// apart and plans the same records from either.
import type { ObjectSummary } from './ObjectStore';

export interface ObjectSourceQuery {
  readonly bucket: string;
  /** Only keys under this prefix ('' for all). */
  readonly prefix: string;
  /** The bucket keeps versions: every summary must pin its current version id. */
  readonly versioned: boolean;
}

export interface ObjectSource {
  /**
   * The current version of every object under the prefix, each exactly once (never a delete
   * marker), in an order that depends only on the objects, never on timing. Memory stays flat.
   */
  currentObjects(query: ObjectSourceQuery): AsyncIterable<ObjectSummary>;
}
