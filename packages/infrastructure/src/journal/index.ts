export * from './JsonlMigrationJournal';
