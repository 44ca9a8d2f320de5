export * from './ports';
export * from './jobs';
export * from './results';
