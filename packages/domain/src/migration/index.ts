export * from './MigrationEvent';
export { MigrationRecord, applyEffect } from './MigrationRecord';
export { PLANNED_STATE, type PlannedMove, type RecordState } from './RecordState';
export { TRANSITIONS, canApply, effectOf, type ClearableField, type RecordEffect } from './MigrationTransitions';
export { JournalLocation, InvalidJournalLocationError } from './JournalLocation';
