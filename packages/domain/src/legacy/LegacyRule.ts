import type { ArtifactType } from './ArtifactType';

/**
 * A check on one named capture, beyond what the pattern says:
 * - `neo-target`: a known SageMaker Neo TargetDevice (NEO_TARGETS);
 * - `job-id` / `run-id`: a positive safe integer in canonical decimal;
 * - `segment`: a valid Segment ([A-Za-z0-9._-], not `.`/`..`);
 * - `not-job-timestamp`: a valid `yyyy/mm/dd/HHMMSS` that differs from the job's created_at
 *   (needs the lookup; the capture `id` names the job).
 */
export type CaptureConstraint = 'neo-target' | 'job-id' | 'run-id' | 'segment' | 'not-job-timestamp';
/** Every CaptureConstraint a rule's `where` may name. */
export const CAPTURE_CONSTRAINTS: readonly CaptureConstraint[] = /* @__PURE__ */ Object.freeze([
  'neo-target',
  'job-id',
  'run-id',
  'segment',
  'not-job-timestamp',
]);

/**
 * What the migration does with a key a rule matches: a server-side `copy`, or a `transform`
 * (re-encoded by a job of its own, e.g. the image backfill).
 */
export type LegacyAction = 'copy' | 'transform';

/**
 * One legacy layout, as data an operator can read, extend and keep in a JSON file.
 *
 * `pattern` is the source of a JavaScript regular expression with named captures, matched
 * against the whole key after the bucket prefix `{P}/` has been removed (keys outside the prefix
 * match no rule). It is compiled with the `s` and `u` flags and anchored at both ends, so `.`
 * matches any character, newlines included. `{$name}` inserts a folder of the S3PathConfig,
 * escaped: `{$trainingFolder}`, `{$compilationFolder}`, `{$datasetFolder}`,
 * `{$deploymentFolder}`, `{$jobsFolder}`, `{$imagesFolder}`, `{$datasetTypes.raw}`,
 * `{$datasetTypes.manifests}`, `{$datasetTypes.labeled}`.
 *
 * `target` is the new key (without `{P}/`, which is added back): `{capture}` inserts a capture
 * byte for byte, `{$name}` a configured folder, and `{$ts}` the job's `yyyy/mm/dd/HHMMSS` (UTC)
 * for rules with `needsLookup: 'job-created-at'` (whose pattern must capture the job as `id`).
 */
export interface LegacyRule {
  readonly id: string;
  readonly description: string;
  readonly pattern: string;
  readonly target: string;
  readonly where?: Readonly<Record<string, CaptureConstraint>>;
  /** Captures whose runs of `/` are collapsed to one; nowhere else is a `/` ever dropped. */
  readonly collapse?: readonly string[];
  readonly needsLookup?: 'job-created-at';
  /** `copy`: a server-side copy; `transform`: the new object is derived (images re-encoded). */
  readonly action: LegacyAction;
  readonly artifactType: ArtifactType;
  /**
   * Rules in one group are spellings of the same artifact: two legacy keys of the group may map
   * to one new key, and the migration must treat that as a collision to resolve (same content:
   * one copy; different content: stop and report). Outside a group, no two keys share a target.
   */
  readonly collisionGroup?: string;
}
