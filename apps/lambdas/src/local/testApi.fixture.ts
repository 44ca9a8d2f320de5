// The local API on the test stack: a fresh bucket and tables, the simulated ML services, and a
// server on a free loopback port.
import type { AddressInfo } from 'node:net';
import { Edgecv } from '@edgecv/container';
import { uniqueName } from '@edgecv/test-harness';
import type { HttpHandler } from '../runtime/defineHandler';
import { releaseIdempotency } from '../runtime/idempotency';
import type { Runtime } from '../runtime/Runtime';
import { serveRuntime, type ServeRuntimeOptions } from '../runtime/serveRuntime';
import { createLocalApi } from './localApi';
import { HTTP_HANDLERS } from '../handlers/index';

export interface TestApi {
  readonly url: string;
  readonly bucket: string;
  readonly edgecv: Edgecv;
  readonly runtime: Runtime;
  /** The prefix of the API's table names (fresh per API). */
  readonly tablePrefix: string;
  close(): Promise<void>;
}

export interface TestApiOptions {
  readonly runtime?: ServeRuntimeOptions;
  /** Handlers that replace the real ones, by entry. */
  readonly handlers?: Readonly<Record<string, HttpHandler>>;
  /** The environment the API reads (the test stack's by default): a service pointed elsewhere, for outages. */
  readonly env?: NodeJS.ProcessEnv;
  /** false: leave S3 alone (its endpoint may be one nobody answers). */
  readonly provisionS3?: boolean;
}

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const bucket = uniqueName('api');
  const tablePrefix = `${uniqueName('api')}-`;
  const edgecv = Edgecv.fromEnv(options.env ?? process.env, {
    artifactBucket: bucket,
    dynamodb: { tablePrefix },
    edge: { mlServices: 'simulated', sageMakerRoleArn: 'arn:aws:iam::000000000000:role/edgecv-sagemaker' },
  });
  await edgecv.provision({ s3: options.provisionS3 ?? true });
  const runtime = serveRuntime(edgecv, { logLevel: 'SILENT', ...options.runtime });
  const server = createLocalApi({ runtime, ...(options.handlers ? { handlers: { ...HTTP_HANDLERS, ...options.handlers } } : {}) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bucket,
    edgecv,
    runtime,
    tablePrefix,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      releaseIdempotency(runtime);
      await edgecv.close();
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
export async function call(api: TestApi, method: string, path: string, body?: unknown, contentType = 'application/json', headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    init.body = body instanceof Uint8Array ? body : JSON.stringify(body);
    init.headers = { 'content-type': contentType, ...headers };
  }
  const res = await fetch(`${api.url}${path}`, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
