// @edgecv/domain: the layout rules, pure and dependency-free.
export * from './errors';
export * from './keys';
export * from './layout';
export * from './jobs';
export * from './legacy';
export * from './migration';
export * from './images';
export * from './assignments';
