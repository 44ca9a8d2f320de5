import { InvalidConfigError } from '../errors/InvalidConfigError';
import { InvalidTransitionError } from '../errors/InvalidTransitionError';
import { isArtifactType, type ArtifactType } from '../legacy/ArtifactType';

/**
 * The life of one object's migration (DESIGN §3, §6):
 *
 *   planned -> copied -> verified -> referenced -> source-deleted
 *
 * Any step may fail (`failed`, remembering the step it failed from, `failedFrom`); `retry`
 * returns to that step. `rolled-back` is reachable from every state but itself, including
 * source-deleted (rollback copies the object back from the journal) and is the only terminal
 * state. `source-deleted` ends the forward path: nothing but a rollback follows it.
 */
export type MigrationStatus =
  | 'planned'
  | 'copied'
  | 'verified'
  | 'referenced'
  | 'source-deleted'
  | 'failed'
  | 'rolled-back';

/** Every MigrationStatus, in the order a record moves through them. */
export const MIGRATION_STATUSES: readonly MigrationStatus[] = /* @__PURE__ */ Object.freeze([
  'planned',
  'copied',
  'verified',
  'referenced',
  'source-deleted',
  'failed',
  'rolled-back',
]);

/** States no event leaves. */
export const TERMINAL_STATUSES: readonly MigrationStatus[] = /* @__PURE__ */ Object.freeze(['rolled-back']);

/** What can happen to a record: each step of the migration, a failure, a retry, a rollback. */
export type MigrationEventType =
  | 'copied'
  | 'verified'
  | 'referenced'
  | 'source-deleted'
  | 'failed'
  | 'retry'
  | 'rolled-back';

/** Every MigrationEventType. */
export const MIGRATION_EVENTS: readonly MigrationEventType[] = /* @__PURE__ */ Object.freeze([
  'copied',
  'verified',
  'referenced',
  'source-deleted',
  'failed',
  'retry',
  'rolled-back',
]);

/** An event with what it learnt: the failure's message, the copy's checksum or version. */
export interface MigrationEventDetails {
  readonly type: MigrationEventType;
  readonly error?: string;
  readonly checksum?: string;
  readonly versionId?: string;
}

/** An event applied to a record: its type alone, or with details (an error, a version id). */
export type MigrationEvent = MigrationEventType | MigrationEventDetails;

/**
 * One object's move, as the journal keeps it (DESIGN §6): where from and to, what it is, its size
 * and checksum, its status in `planned -> copied -> verified -> referenced -> source-deleted` (or
 * `failed`, `rolled-back`) and its attempts.
 */
export interface MigrationRecord {
  readonly oldKey: string;
  readonly newKey: string;
  readonly artifactType: ArtifactType;
  readonly jobId?: number;
  /** Size of the source object in bytes. */
  readonly size: number;
  readonly checksum?: string;
  /** Version of the new object written by the copy (versioned buckets). */
  readonly versionId?: string;
  readonly status: MigrationStatus;
  /** Failed attempts so far; only ever grows (a retry does not reset it). */
  readonly attempts: number;
  readonly error?: string;
  /** The step a failed record failed from, where `retry` resumes. */
  readonly failedFrom?: MigrationStatus;
  /** The legacy rule that produced `newKey`. */
  readonly rule: string;
  /** Set when other records may target the same newKey (LegacyRule.collisionGroup). */
  readonly collisionGroup?: string;
}

/** What the plan knows about one object that is to move: the input of `MigrationRecord.plan`. */
export interface PlanInput {
  readonly oldKey: string;
  readonly newKey: string;
  readonly artifactType: ArtifactType;
  readonly jobId?: number;
  readonly size: number;
  readonly checksum?: string;
  readonly versionId?: string;
  readonly rule: string;
  readonly collisionGroup?: string;
}

const FORWARD: Readonly<Partial<Record<MigrationEventType, MigrationStatus>>> = {
  copied: 'planned',
  verified: 'copied',
  referenced: 'verified',
  'source-deleted': 'referenced',
};

const FAILABLE: readonly MigrationStatus[] = ['planned', 'copied', 'verified', 'referenced'];

/** Whether `event` is allowed in `status` (for a failed record, retry always is). */
export function canTransition(status: MigrationStatus, event: MigrationEventType): boolean {
  switch (event) {
    case 'failed':
      return FAILABLE.includes(status);
    case 'retry':
      return status === 'failed';
    case 'rolled-back':
      return status !== 'rolled-back';
    default:
      return FORWARD[event] === status;
  }
}

/** Applies `event` to `record`: a new frozen record, or InvalidTransitionError. Pure. */
export function transition(record: MigrationRecord, event: MigrationEvent): MigrationRecord {
  const details: MigrationEventDetails = typeof event === 'string' ? { type: event } : event;
  const { type } = details;
  if (!canTransition(record.status, type)) {
    throw new InvalidTransitionError(record.status, String(type), record.oldKey);
  }
  const { error: _error, failedFrom: _failedFrom, ...rest } = record;
  let next: MigrationRecord;
  switch (type) {
    case 'failed':
      next = {
        ...rest,
        status: 'failed',
        attempts: record.attempts + 1,
        error: details.error ?? 'unspecified failure',
        failedFrom: record.status,
      };
      break;
    case 'retry':
      next = { ...rest, status: record.failedFrom ?? 'planned' };
      break;
    case 'copied':
      next = {
        ...rest,
        status: 'copied',
        ...(details.checksum === undefined ? {} : { checksum: details.checksum }),
        ...(details.versionId === undefined ? {} : { versionId: details.versionId }),
      };
      break;
    default:
      // verified, referenced, source-deleted and rolled-back lead to the state of their name.
      next = { ...rest, status: type };
  }
  return Object.freeze(next);
}

function plan(input: PlanInput): MigrationRecord {
  const fail = (field: string, reason: string): never => {
    throw new InvalidConfigError(`migrationRecord.${field}`, (input as unknown as Record<string, unknown>)[field], reason);
  };
  if (typeof input.oldKey !== 'string' || input.oldKey === '') fail('oldKey', 'must be a non-empty key');
  if (typeof input.newKey !== 'string' || input.newKey === '') fail('newKey', 'must be a non-empty key');
  if (input.oldKey === input.newKey) fail('newKey', 'must differ from oldKey');
  if (!isArtifactType(input.artifactType)) fail('artifactType', 'is not an artifact type');
  if (!Number.isSafeInteger(input.size) || input.size < 0) fail('size', 'must be a non-negative integer');
  if (typeof input.rule !== 'string' || input.rule === '') fail('rule', 'must name the rule');
  const record: MigrationRecord = {
    oldKey: input.oldKey,
    newKey: input.newKey,
    artifactType: input.artifactType,
    ...(input.jobId === undefined ? {} : { jobId: input.jobId }),
    size: input.size,
    ...(input.checksum === undefined ? {} : { checksum: input.checksum }),
    ...(input.versionId === undefined ? {} : { versionId: input.versionId }),
    status: 'planned',
    attempts: 0,
    rule: input.rule,
    ...(input.collisionGroup === undefined ? {} : { collisionGroup: input.collisionGroup }),
  };
  return Object.freeze(record);
}

/**
 * The migration record's state machine: `plan` creates a record, `transition` applies an event
 * (InvalidTransitionError when the status does not allow it), `canTransition` asks first.
 */
export const MigrationRecord = /* @__PURE__ */ Object.freeze({
  /** A new record in status `planned`, with no attempts. Throws InvalidConfigError on bad input. */
  plan,
  transition,
  canTransition,
  isTerminal(status: MigrationStatus): boolean {
    return TERMINAL_STATUSES.includes(status);
  },
});
