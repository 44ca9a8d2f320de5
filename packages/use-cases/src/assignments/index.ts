export * from './AssignmentErrors';
export * from './AssignmentView';
export * from './GetAssignment';
export * from './ListAssignments';
export * from './CreateAssignment';
export * from './CompleteAssignment';
export * from './DeleteAssignment';
export * from './PreviewImage';
