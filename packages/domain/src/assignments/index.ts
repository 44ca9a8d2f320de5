export * from './AssignmentInputErrors';
export * from './GenerationRequest';
export * from './AssignmentQuestions';
export * from './AssignmentCursor';
