// An API Gateway HTTP API (payload 2.0) event, read the way handlers need it: path parameters,
// query, headers, and a body validated against a zod schema (Powertools Parser) or taken as bytes.
import { parse } from '@aws-lambda-powertools/parser';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { parseIssues } from '../runtime/parseIssues';
import { PayloadTooLargeError, RequestValidationError, UnsupportedMediaTypeError } from './http';
import { mediaTypeOf } from './mediaTypes';

/** API Gateway refuses payloads over 10 MB; Lambda's own limit (6 MB) is lower still. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class HttpRequest {
  constructor(readonly event: APIGatewayProxyEventV2) {}

  get requestId(): string {
    return this.event.requestContext?.requestId ?? 'local';
  }

  /** A path parameter the route declares; always present when the route matched. */
  param(name: string): string {
    const value = this.event.pathParameters?.[name];
    if (value === undefined || value === '') throw new RequestValidationError(`missing path parameter ${name}`, [{ path: name, message: 'required' }]);
    return value;
  }

  query(name: string): string | undefined {
    return this.event.queryStringParameters?.[name];
  }

  header(name: string): string | undefined {
    return this.event.headers?.[name.toLowerCase()];
  }

  /**
   * The body of a binary route, exactly as sent. Only `accepted` media types are taken, and only
   * as base64: a body API Gateway passed as text has been decoded as UTF-8 already, which
   * replaces every invalid byte sequence, so it can never be stored (UNSUPPORTED_MEDIA_TYPE).
   */
  binary(accepted: readonly string[]): Buffer {
    const received = mediaTypeOf(this.header('content-type'));
    if (!accepted.includes(received)) throw new UnsupportedMediaTypeError(received, accepted);
    const { body, isBase64Encoded } = this.event;
    if (body !== undefined && body !== '' && !isBase64Encoded) {
      throw new UnsupportedMediaTypeError(received, accepted, `the body of Content-Type ${received} arrived as text, not as bytes`);
    }
    return this.raw();
  }

  /**
   * The JSON body, validated against the route's zod schema by Powertools Parser (`parse`, no
   * envelope: its API Gateway envelope and JSONStringified helper import all of zod, 0.35-0.45 MB
   * more in every bundle, to re-check an event API Gateway built). An empty body is `{}`; a
   * base64-encoded one (JSON sent with a binary media type) is decoded first. INVALID_REQUEST
   * naming every offending field otherwise.
   */
  json<S extends z.ZodType>(schema: S): z.infer<S> {
    const text = this.raw().toString('utf8');
    let value: unknown;
    try {
      value = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new RequestValidationError('request body is not valid JSON');
    }
    return validate(schema, value, 'request body');
  }

  private raw(): Buffer {
    const { body, isBase64Encoded } = this.event;
    const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8');
    if (bytes.length > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
    return bytes;
  }
}

/** A value (a JSON body, a path parameter, a query value) validated by its zod schema through Powertools Parser. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = parse(value, undefined, schema, true);
  if (parsed.success) return parsed.data as z.infer<S>;
  throw invalid(what, parseIssues(parsed.error));
}

function invalid(what: string, issues: readonly { path: string; message: string }[]): RequestValidationError {
  return new RequestValidationError(`${what} is invalid: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, issues);
}
