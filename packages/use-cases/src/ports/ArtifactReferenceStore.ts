// Records that hold S3 URIs of artifacts (training, compilation, deployment records; assignments):
// what cut-over rewrites and validation checks.
/** The DI token of the list of every ArtifactReferenceStore. */
export const ArtifactReferenceStoresToken = Symbol.for('edgecv.ArtifactReferenceStores');

/** One S3 URI held by a record, and where in the record it is. */
export interface ArtifactReference {
  /** The store's name, e.g. `training`, `compilation`, `deployment`. */
  readonly store: string;
  readonly recordId: string;
  /** Where in the record: `model_artifact_uri`, `output_uris.jetson_nano`, `artifact_uris[1]`. */
  readonly attribute: string;
  /** `s3://bucket/key`; a folder when it ends in `/`. */
  readonly uri: string;
}

/**
 * A conditional rewrite either replaced the URI or found another value there (and changed nothing).
 */
export type ReplaceOutcome = 'replaced' | 'mismatch';

/**
 * Records that hold S3 URIs of artifacts (training, compilation, deployment records; assignments):
 * what cut-over rewrites, with conditional writes, and what validation checks.
 */
export interface ArtifactReferenceStore {
  readonly name: string;
  /** Every reference the store holds, page by page. */
  list(): AsyncIterable<ArtifactReference>;
  /**
   * Sets the attribute to `newUri` only while it still holds `expectedUri` (a conditional write);
   * `mismatch` when it does not (someone changed it, or a retry already did it).
   */
  replace(recordId: string, attribute: string, expectedUri: string, newUri: string): Promise<ReplaceOutcome>;
}
