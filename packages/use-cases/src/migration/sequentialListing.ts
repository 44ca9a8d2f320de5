// The plan's object source as one listing after another page: the simplest source, in key order.
import type { ObjectSource, ObjectSourceQuery } from '../ports/ObjectSource';
import type { ObjectStore, ObjectSummary } from '../ports/ObjectStore';

export function sequentialListing(store: ObjectStore): ObjectSource {
  return {
    async *currentObjects({ bucket, prefix, versioned }: ObjectSourceQuery): AsyncIterable<ObjectSummary> {
      if (!versioned) {
        yield* store.list(bucket, prefix);
        return;
      }
      for await (const v of store.list(bucket, prefix, { versions: true })) if (isCurrent(v)) yield v;
    },
  };
}

/** A version listing's entry that is the key's current object (pinned by its version id). */
export function isCurrent(v: ObjectSummary): boolean {
  return v.isLatest === true && v.isDeleteMarker !== true;
}
