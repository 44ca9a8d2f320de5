// The HTTP API on a plain node:http server: each request becomes the API Gateway HTTP API
// (payload 2.0) event the Lambda would receive, goes through the same handler, and its result
// becomes the response. Also GET /health and GET /openapi.json.
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HTTP_HANDLERS } from '../handlers/index';
import { errorResponse, PayloadTooLargeError, RouteNotFoundError, json, type HttpResult } from '../http/http';
import { MAX_BODY_BYTES } from '../http/HttpRequest';
import { openApiDocument } from '../http/openapi';
import { ROUTES, matchRoute, routeKeyOf, type RouteSpec } from '../http/routes';
import type { HttpHandler } from '../runtime/defineHandler';
import type { Runtime } from '../runtime/Runtime';
import { serveStatic, type StaticSite } from './staticSite';

export interface LocalApiOptions {
  readonly runtime: Runtime;
  readonly routes?: readonly RouteSpec[];
  readonly handlers?: Readonly<Record<string, HttpHandler>>;
  /** Extra fields for GET /health (e.g. where the stack runs). */
  readonly health?: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Static sites served beside the API (the portal under /portal/). */
  readonly staticSites?: readonly StaticSite[];
}

/** Media types API Gateway passes as text; every other body is base64-encoded. */
const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript)|[^;]*\+(json|xml))/i;

export function createLocalApi(options: LocalApiOptions): http.Server {
  const routes = options.routes ?? ROUTES;
  const handlers = options.handlers ?? HTTP_HANDLERS;
  const server = http.createServer((req, res) => {
    void answer(req, res).catch((error: unknown) => send(res, errorResponse(error, 'local')));
  });
  // Load tests hold many keep-alive connections; node's defaults close idle ones after 5 s.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'GET' && url.pathname === '/health') {
      return send(res, json(200, { status: 'ok', routes: routes.length, ...(await options.health?.()) }));
    }
    if (method === 'GET' && url.pathname === '/openapi.json') {
      return send(res, json(200, openApiDocument(routes, { serverUrl: `http://${req.headers.host ?? 'localhost'}` })));
    }
    for (const site of options.staticSites ?? []) if (await serveStatic(site, req, res, url.pathname)) return;
    const matched = matchRoute(routes, method, url.pathname);
    const handler = matched && handlers[matched.route.entry];
    if (!matched || !handler) {
      req.resume();
      return send(res, errorResponse(new RouteNotFoundError(method, url.pathname), 'local'));
    }
    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      return send(res, errorResponse(error, 'local'), true);
    }
    const event = toEvent(req, url, body, routeKeyOf(matched.route), matched.pathParameters);
    send(res, await handler.handle(event, options.runtime));
  }

  return server;
}

function toEvent(req: IncomingMessage, url: URL, body: Buffer, routeKey: string, pathParameters: Record<string, string>): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const cookies = req.headers.cookie?.split(/;\s*/).filter(Boolean);
  const text = body.length > 0 && TEXT_TYPES.test(headers['content-type'] ?? '');
  const now = new Date();
  const method = (req.method ?? 'GET').toUpperCase();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(cookies && cookies.length > 0 ? { cookies } : {}),
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/%.*$/, ''), userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !text,
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      return reject(new PayloadTooLargeError(limit));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new PayloadTooLargeError(limit));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, result: HttpResult, close = false): void {
  const body = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  const headers: Record<string, string | number | string[]> = { ...(result.headers as Record<string, string | number>), 'content-length': body.length };
  if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  if (close) headers.connection = 'close';
  res.writeHead(result.statusCode, headers);
  res.end(body);
}
