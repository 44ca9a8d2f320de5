// A small keep-alive HTTP client for the load generator: one agent with a socket per user, a
// per-request timeout, and the whole body read (a view is measured until its last byte).
import http from 'node:http';
import https from 'node:https';

export interface HttpResponse {
  readonly status: number;
  readonly body: Buffer;
}

export interface HttpClient {
  request(method: string, path: string, body?: Buffer, headers?: Record<string, string>): Promise<HttpResponse>;
  close(): void;
}

export function httpClient(target: string, options: { maxSockets: number; timeoutMs: number }): HttpClient {
  const base = new URL(target);
  const secure = base.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true, maxSockets: options.maxSockets }) : new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const prefix = base.pathname.replace(/\/+$/, '');
  return {
    request(method, path, body, headers = {}) {
      return new Promise((resolve, reject) => {
        const req = (secure ? https : http).request(
          {
            protocol: base.protocol,
            hostname: base.hostname,
            port: base.port,
            path: `${prefix}${path}`,
            method,
            agent,
            headers: { ...headers, ...(body ? { 'content-length': body.length } : {}) },
            timeout: options.timeoutMs,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
            res.on('error', reject);
          },
        );
        req.on('timeout', () => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)));
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}
