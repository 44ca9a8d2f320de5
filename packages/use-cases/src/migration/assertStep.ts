// Every journaled step that changes a record's status goes through the domain's state machine.
import { InvalidTransitionError, canTransition, type MigrationEventType } from '@edgecv/domain';
import type { JournalRecordStatus, RecordEvent } from '../ports/MigrationJournal';

const STATE_EVENTS: ReadonlySet<string> = new Set(['copied', 'verified', 'referenced', 'source-deleted', 'failed', 'retry', 'rolled-back']);

export function assertStep(oldKey: string, from: JournalRecordStatus, event: RecordEvent): void {
  if (!STATE_EVENTS.has(event.type)) return; // copy-started, source-restored, target-removed annotate, they do not move
  if (!canTransition(from, event.type as MigrationEventType)) throw new InvalidTransitionError(from, event.type, oldKey);
}
