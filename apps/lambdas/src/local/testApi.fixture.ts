// The local API on the test stack: a fresh bucket and tables, the simulated ML services, and a
// server on a free loopback port.
import type { AddressInfo } from 'node:net';
import { Edgecv } from '@edgecv/container';
import { uniqueName } from '@edgecv/test-harness';
import { serveRuntime } from '../runtime/serveRuntime';
import { createLocalApi } from './localApi';

export interface TestApi {
  readonly url: string;
  readonly bucket: string;
  readonly edgecv: Edgecv;
  close(): Promise<void>;
}

export async function startTestApi(): Promise<TestApi> {
  const bucket = uniqueName('api');
  const edgecv = Edgecv.fromEnv(process.env, {
    artifactBucket: bucket,
    dynamodb: { tablePrefix: `${uniqueName('api')}-` },
    edge: { mlServices: 'simulated', sageMakerRoleArn: 'arn:aws:iam::000000000000:role/edgecv-sagemaker' },
  });
  await edgecv.provision();
  const server = createLocalApi({ runtime: serveRuntime(edgecv, { logLevel: 'SILENT' }) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bucket,
    edgecv,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await edgecv.close();
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
export async function call(api: TestApi, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; body: any; headers: Headers }> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = body instanceof Uint8Array ? body : JSON.stringify(body);
    init.headers = { 'content-type': contentType };
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
