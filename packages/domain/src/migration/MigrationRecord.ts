// One object's migration: what the plan decided (PlannedMove), where it stands (RecordState), and
// the one fold that moves it on, `MigrationRecord.apply(record, event)`, guarded by the
// transitions of MigrationTransitions.ts. Every journal stores events and folds them with it.
import type { MigrationEvent } from './MigrationEvent';
import { effectOf, type RecordEffect } from './MigrationTransitions';
import { PLANNED_STATE, type PlannedMove, type RecordState } from './RecordState';

export type { PlannedMove, RecordState } from './RecordState';

/**
 * One object's migration: what the plan decided and where it stands, with the journal's id for it.
 */
export interface MigrationRecord extends PlannedMove, RecordState {
  /** Given by the journal, opaque, stable for the journal's life. */
  readonly id: string;
}

/** The record after `event`: a new object (the given one is left as it was). InvalidTransitionError when the event may not happen in its status. */
function apply<R extends RecordState>(record: R, event: MigrationEvent, key?: string): R {
  return applyEffect(record, effectOf(record.status, event, key ?? (record as Partial<MigrationRecord>).oldKey));
}

/** An effect (MigrationTransitions) applied to a state. */
export function applyEffect<R extends RecordState>(record: R, effect: RecordEffect): R {
  const next: Record<string, unknown> = { ...(record as object) };
  if (effect.status !== undefined) next.status = effect.status === 'failedFrom' ? (record.failedFrom ?? 'planned') : effect.status;
  for (const field of effect.clear ?? []) delete next[field];
  Object.assign(next, effect.set);
  if (effect.countsAttempt) next.attempts = record.attempts + 1;
  return next as R;
}

/**
 * Creates a planned record (`planned`) and folds an event into one (`apply`, InvalidTransitionError
 * when the event may not happen in its status).
 */
export const MigrationRecord = /* @__PURE__ */ Object.freeze({
  /** A record as the plan leaves it. */
  planned(id: string, move: PlannedMove): MigrationRecord {
    return { ...move, id, ...PLANNED_STATE };
  },
  apply,
});
