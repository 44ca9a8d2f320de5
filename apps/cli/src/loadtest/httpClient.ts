// A small keep-alive HTTP client for the load generator: one agent with a socket per user, a
// per-request timeout, and the whole body read (a view is measured until its last byte).
import http from 'node:http';
import https from 'node:https';

export interface HttpResponse {
  readonly status: number;
  readonly body: Buffer;
}

export interface HttpClient {
  /** `path` is relative to the target, or an absolute URL the API answered (an image on S3/CloudFront). */
  request(method: string, path: string, body?: Buffer, headers?: Record<string, string>): Promise<HttpResponse>;
  close(): void;
}

export function httpClient(target: string, options: { maxSockets: number; timeoutMs: number }): HttpClient {
  const base = new URL(target);
  const prefix = base.pathname.replace(/\/+$/, '');
  // One keep-alive agent per origin: the API's, and the image host's (S3 or CloudFront).
  const agents = new Map<string, http.Agent>();
  const agentFor = (url: URL) => {
    let agent = agents.get(url.origin);
    if (!agent) {
      agent = url.protocol === 'https:' ? new https.Agent({ keepAlive: true, maxSockets: options.maxSockets }) : new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
      agents.set(url.origin, agent);
    }
    return agent;
  };
  return {
    request(method, path, body, headers = {}) {
      const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(`${base.origin}${prefix}${path}`);
      const secure = url.protocol === 'https:';
      return new Promise((resolve, reject) => {
        const req = (secure ? https : http).request(
          {
            protocol: url.protocol,
            hostname: url.hostname,
            port: url.port,
            path: `${url.pathname}${url.search}`,
            method,
            agent: agentFor(url),
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
    close: () => agents.forEach((agent) => agent.destroy()),
  };
}
