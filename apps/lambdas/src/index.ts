// @edgecv/lambdas: the handlers, the routes table and its OpenAPI document, for `edgecv serve`
// and the CDK app. Each Lambda's own entry point is its file under handlers/ (`handler` export).
export * from './http/http';
export * from './http/HttpRequest';
export * from './http/routes';
export * from './http/openapi';
export * from './runtime/Runtime';
export * from './runtime/defineHandler';
export { HTTP_HANDLERS } from './handlers/index';
export * from './runtime/serveRuntime';
export * from './local/localApi';
export * from './local/staticSite';
export * from './runtime/portLogger';
export * from './runtime/powertools';
export * from './runtime/lambdaEntry';
export * from './runtime/idempotency';
export * from './runtime/idempotencySettings';
export * from './http/idempotencyPolicies';
export { migrateBatch } from './handlers/migrateBatch';
