// The OpenAPI 3.1 document of the routes table; request bodies come from the same zod schemas
// the handlers validate with, so the document cannot drift from what is enforced.
import { z } from 'zod';
import type { RouteSpec } from './routes';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, requestId: { type: 'string' }, issues: { type: 'array', items: { type: 'object' } } },
    },
  },
} as const;

export function openApiDocument(routes: readonly RouteSpec[], info: { title?: string; version?: string; serverUrl?: string } = {}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const params: Record<string, unknown>[] = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    for (const [name, schema] of Object.entries(route.query ?? {})) {
      params.push({ name, in: 'query', required: false, description: schema.description, schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) });
    }
    const operation: Record<string, unknown> = {
      operationId: route.entry,
      summary: route.summary,
      tags: [route.tag],
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(route.body !== undefined ? { requestBody: requestBody(route.body) } : {}),
      responses: {
        [String(route.success.status)]: {
          description: route.success.description,
          content: { [route.success.contentType ?? 'application/json']: { schema: route.success.contentType ? { type: 'string', format: 'binary' } : { type: 'object' } } },
        },
        default: { description: 'an error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title ?? 'edgecv API', version: info.version ?? '0.1.0' },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    paths,
    components: { schemas: { Error: ERROR_SCHEMA } },
  };
}

function requestBody(body: NonNullable<RouteSpec['body']>): Record<string, unknown> {
  if ('binary' in body) {
    const types = body.binary as readonly string[];
    return { required: true, content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) };
  }
  return { required: true, content: { 'application/json': { schema: z.toJSONSchema(body as z.ZodType, { io: 'input', unrepresentable: 'any' }) } } };
}
