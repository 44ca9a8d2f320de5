export * from './RetryPolicy';
export * from './SystemClock';
