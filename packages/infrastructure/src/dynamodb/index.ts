export * from './tables';
export * from './ensureTables';
export * from './DynamoDbConfig';
export * from './IdAllocator';
export * from './DynamoDbJobRepository';
export * from './DynamoDbRunRepository';
export * from './DynamoDbArtifactReferenceStore';
export * from './DynamoDbMigrationJournal';
