export * from './ports';
export * from './jobs';
export * from './results';
export * from './images';
export * from './migration';
export * from './edge';
export * from './demo';
export * from './invalidInput';
