export { startTestStack, stopTestStack } from './globalStack';
export * from './aws';
