export * from './MongoAssignmentRepository';
export * from './connectMongo';
export * from './MongoAssignmentReferenceStore';
export * from './MongoAssignmentReferenceStoreErrors';
export * from './MongoAssignmentCatalog';
export * from './MongoSubmissionRepository';
