// The record's state machine as data, one row per event type: the statuses it may happen in and
// what it does to the record. MigrationRecord.apply interprets it; the DynamoDB journal derives
// each event's conditional update from it; nothing else holds these rules.
import { InvalidTransitionError } from '../errors/InvalidTransitionError';
import { COLLISION, MIGRATION_STATUSES, type MigrationEvent, type MigrationEventType, type MigrationStatus } from './MigrationEvent';
import type { RecordState } from './RecordState';

/** The optional fields of a record's state, which an event may clear. */
export type ClearableField = 'error' | 'failedFrom' | 'copyStartedAt' | 'targetVersionId' | 'deleteMarkerVersionId';

/** What one event does to a record, as data. */
export interface RecordEffect {
  /** The next status; 'failedFrom' goes back to where the record failed ('planned' when unknown). */
  readonly status?: MigrationStatus | 'failedFrom';
  readonly set?: Partial<Omit<RecordState, 'status' | 'attempts'>>;
  readonly clear?: readonly ClearableField[];
  /** `attempts` counts copy attempts: one per `copy-started`, never reset. */
  readonly countsAttempt?: true;
}

interface Transition<E extends MigrationEvent> {
  readonly from: readonly MigrationStatus[];
  readonly effect: (event: E, from: MigrationStatus) => RecordEffect;
}

type Transitions = { readonly [T in MigrationEventType]: Transition<Extract<MigrationEvent, { type: T }>> };

const ALL_BUT_ROLLED_BACK = /* @__PURE__ */ MIGRATION_STATUSES.filter((s) => s !== 'rolled-back');

const TABLE: Transitions = {
  'copy-started': { from: ['planned'], effect: (e) => ({ set: { copyStartedAt: e.at }, countsAttempt: true }) },
  copied: {
    from: ['planned'],
    effect: (e) => ({
      status: 'copied',
      // A record already known to have created its target keeps that (created: false never unsets it).
      set: { ...(e.created ? { targetCreated: true } : {}), ...(e.targetVersionId !== undefined ? { targetVersionId: e.targetVersionId } : {}) },
      clear: ['copyStartedAt', 'error'],
    }),
  },
  verified: { from: ['copied'], effect: () => ({ status: 'verified' }) },
  referenced: { from: ['verified'], effect: () => ({ status: 'referenced' }) },
  'source-deleted': {
    from: ['referenced'],
    effect: (e) => ({ status: 'source-deleted', set: { sourceDeleted: true, ...(e.deleteMarkerVersionId !== undefined ? { deleteMarkerVersionId: e.deleteMarkerVersionId } : {}) } }),
  },
  'source-restored': { from: ALL_BUT_ROLLED_BACK, effect: () => ({ set: { sourceDeleted: false }, clear: ['deleteMarkerVersionId'] }) },
  'target-removed': { from: ALL_BUT_ROLLED_BACK, effect: () => ({ set: { targetCreated: false }, clear: ['targetVersionId'] }) },
  failed: {
    from: ['planned', 'copied', 'verified', 'referenced'],
    // The attempt stays (a failed copy may still have landed), except after a collision: then the
    // target is not our copy, and neither a retry nor a rollback may take it for ours.
    effect: (e, from) => ({ status: 'failed', set: { error: { code: e.code, message: e.message }, failedFrom: from }, clear: e.code === COLLISION ? ['copyStartedAt'] : [] }),
  },
  retry: { from: ['failed'], effect: () => ({ status: 'failedFrom', clear: ['error', 'failedFrom'] }) },
  'rolled-back': { from: ALL_BUT_ROLLED_BACK, effect: () => ({ status: 'rolled-back', clear: ['copyStartedAt'] }) },
};

/**
 * The record's state machine as data, one row per event type: the statuses it may happen in and
 * what it does to the record.
 */
export const TRANSITIONS: Transitions = /* @__PURE__ */ Object.freeze(TABLE);

/** Whether an event of this type may happen to a record in this status. */
export function canApply(status: MigrationStatus, type: MigrationEventType): boolean {
  return TRANSITIONS[type].from.includes(status);
}

/** What `event` does to a record in status `from`; InvalidTransitionError when it may not happen there. */
export function effectOf(from: MigrationStatus, event: MigrationEvent, key?: string): RecordEffect {
  if (!canApply(from, event.type)) throw new InvalidTransitionError(from, event.type, key);
  const transition = TRANSITIONS[event.type] as Transition<MigrationEvent>;
  return transition.effect(event, from);
}
