export * from './JobErrors';
export * from './CreateJob';
export * from './CreateRun';
export * from './findJobAndRun';
