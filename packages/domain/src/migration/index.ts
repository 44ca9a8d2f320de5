export {
  MigrationRecord,
  MIGRATION_STATUSES,
  MIGRATION_EVENTS,
  TERMINAL_STATUSES,
  canTransition,
  transition,
  type MigrationStatus,
  type MigrationEvent,
  type MigrationEventType,
  type MigrationEventDetails,
  type PlanInput,
} from './MigrationRecord';
