export * from './SharpImageOptimizer';
export * from './configureSharp';
