export * from './JobErrors';
