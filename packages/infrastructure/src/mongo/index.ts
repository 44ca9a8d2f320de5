export * from './MongoAssignmentRepository';
export * from './connectMongo';
