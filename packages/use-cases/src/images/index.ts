export * from '../ports/ImageOptimizer';
export * from './CorrelatedError';
export * from './ImageOptimizationErrors';
