import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SLOW_DOWN, startFaultProxy, type FaultProxy } from './faultProxy';

function get(url: string, timeoutMs = 5_000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers: { host: 'signed.example:1234' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    req.end('payload');
  });
}

describe('fault proxy', () => {
  let upstream: Server;
  let proxy: FaultProxy;
  const seen: { host?: string; body: string }[] = [];

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ host: req.headers.host, body });
        res.end(`ok ${req.url}`);
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
    proxy = await startFaultProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise<void>((r) => upstream.close(() => r()));
  });

  it('forwards requests untouched, Host header and body included', async () => {
    proxy.setRule(undefined);
    await expect(get(`${proxy.url}/a/b?x=1`)).resolves.toEqual({ status: 200, body: 'ok /a/b?x=1' });
    expect(seen.at(-1)).toEqual({ host: 'signed.example:1234', body: 'payload' });
  });

  it('answers the first N matching requests with SlowDown, then forwards, and counts what it did', async () => {
    proxy.setRule({ action: SLOW_DOWN, firstN: 2, match: (r) => r.url.startsWith('/slow') });
    const before = { ...proxy.counters, injected: { ...proxy.counters.injected } };
    const answers = [await get(`${proxy.url}/slow`), await get(`${proxy.url}/slow`), await get(`${proxy.url}/fast`), await get(`${proxy.url}/slow`)];
    expect(answers.map((a) => a.status)).toEqual([503, 503, 200, 200]);
    expect(answers[0]?.body).toContain('<Code>SlowDown</Code>');
    expect(proxy.counters.injected.status - before.injected.status).toBe(2);
    expect(proxy.counters.forwarded - before.forwarded).toBe(2);
  });

  it('resets connections', async () => {
    proxy.setRule({ action: { kind: 'reset' }, firstN: 1 });
    await expect(get(`${proxy.url}/r`)).rejects.toThrow(/socket hang up|ECONNRESET/);
    await expect(get(`${proxy.url}/r`)).resolves.toMatchObject({ status: 200 });
  });

  it('can let the server handle a request and lose only the answer', async () => {
    proxy.setRule({ action: { kind: 'reset', afterForward: true }, firstN: 1 });
    const before = seen.length;
    await expect(get(`${proxy.url}/lost`)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(seen.length).toBe(before + 1);
    expect(seen.at(-1)?.body).toBe('payload');
  });

  it('delays, or hangs without answering', async () => {
    proxy.setRule({ action: { kind: 'delay', ms: 300 } });
    const started = Date.now();
    await expect(get(`${proxy.url}/d`)).resolves.toMatchObject({ status: 200 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    proxy.setRule({ action: { kind: 'delay', ms: 60_000, forward: false } });
    await expect(get(`${proxy.url}/h`, 300)).rejects.toThrow('client timeout');
  });

  it('injects into a fraction of requests, drawn from the given random source', async () => {
    const draws = [0.1, 0.9, 0.2, 0.8];
    proxy.setRule({ action: { kind: 'status', status: 500 }, fraction: 0.5, random: () => draws.shift() ?? 1 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(`${proxy.url}/f`)).status);
    expect(statuses).toEqual([500, 200, 500, 200]);
  });
});
