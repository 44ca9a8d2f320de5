import type { DomainError } from '../errors/DomainError';
import type { ArtifactType } from './ArtifactType';
import type { LegacyAction } from './LegacyRule';

/** A legacy key and the new key it moves to. */
export interface Converted {
  readonly status: 'converted';
  readonly input: string;
  readonly output: string;
  /** The id of the rule that matched. */
  readonly rule: string;
  readonly action: LegacyAction;
  readonly artifactType: ArtifactType;
  readonly jobId?: number;
  /** Set when other legacy keys may map to the same output (see LegacyRule.collisionGroup). */
  readonly collisionGroup?: string;
}

/** A key already in the new layout; never moved. */
export interface ConformingKey {
  readonly status: 'conforming';
  readonly input: string;
  readonly artifactType?: ArtifactType;
}

/** Neither legacy nor in the layout: reported, never moved. */
export interface UnknownKey {
  readonly status: 'unknown';
  readonly input: string;
}

/** A legacy key whose new place depends on its job's created_at, which was not available. */
export interface NeedsLookup {
  readonly status: 'needs-lookup';
  readonly input: string;
  readonly rule: string;
  readonly jobId: number;
}

/** A key that cannot be handled: not a possible S3 key, or one whose conversion would be invalid. */
export interface InvalidKey {
  readonly status: 'invalid';
  readonly input: string;
  readonly error: DomainError;
}

/**
 * What PathResolver.classify says about one key: converted, conforming, unknown, waiting for its
 * job's created_at, or invalid.
 */
export type Classification = Converted | ConformingKey | UnknownKey | NeedsLookup | InvalidKey;
/** The `status` of a Classification. */
export type ClassificationStatus = Classification['status'];

/** The created_at of a job, or undefined when the job is not known. */
export type JobLookup = (jobId: number) => Date | undefined;
