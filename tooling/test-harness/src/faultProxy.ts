// A loopback HTTP proxy that injects faults in front of a real server (the local S3, DynamoDB
// or anything else speaking HTTP/1.1), so retries and timeouts are tested against the real
// wire protocol instead of a mocked client. Headers are forwarded untouched (Host included), so
// SigV4 signatures made for the proxy's address stay valid.
// With `latencyMs` every forwarded request first waits that long (a fixed round trip, e.g. 30 ms
// for S3 from another host), and every request is counted by its S3 operation (or `classify`),
// so a benchmark can compare what different clients really send.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { s3Operation } from './s3Operation';

export type FaultAction =
  /** Answer with this status and body instead of forwarding. */
  | { readonly kind: 'status'; readonly status: number; readonly body?: string; readonly contentType?: string; readonly headers?: Readonly<Record<string, string>> }
  /**
   * Drop the connection without a response (the client sees ECONNRESET / socket hang up). With
   * afterForward the server gets and handles the request first and only its answer is lost: the
   * ambiguous failure that makes a naive retry write twice.
   */
  | { readonly kind: 'reset'; readonly afterForward?: boolean }
  /** Wait, then forward (a slow server); with forward: false, never answer (a hung one). */
  | { readonly kind: 'delay'; readonly ms: number; readonly forward?: boolean };

export interface FaultRule {
  readonly action: FaultAction;
  /** Which requests the rule may hit (all when omitted). */
  readonly match?: (request: { readonly method: string; readonly url: string; readonly headers: IncomingMessage['headers'] }) => boolean;
  /** Only the first N matching requests get the fault. */
  readonly firstN?: number;
  /** Each matching request gets the fault with this probability (after firstN, if both are set). */
  readonly fraction?: number;
  readonly random?: () => number;
}

export interface FaultCounters {
  requests: number;
  matched: number;
  forwarded: number;
  injected: { status: number; reset: number; delay: number };
  /** Requests received, by operation (an S3 operation name such as CopyObject, unless `classify` says otherwise). */
  byOperation: Record<string, number>;
}

export interface FaultProxyOptions {
  /** Every forwarded request waits this long first (a fixed network round trip). */
  readonly latencyMs?: number;
  /** Names a request for `counters.byOperation`; its S3 operation (path style) by default. */
  readonly classify?: (request: { readonly method: string; readonly url: string; readonly headers: IncomingMessage['headers'] }) => string;
}

export interface FaultProxy {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly counters: Readonly<FaultCounters>;
  /** Replaces the rule (and resets the firstN count); undefined forwards everything. */
  setRule(rule: FaultRule | undefined): void;
  close(): Promise<void>;
}

/** S3's throttling answer, as the SDK expects to parse it. */
export const SLOW_DOWN: FaultAction = Object.freeze({
  kind: 'status',
  status: 503,
  contentType: 'application/xml',
  body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
});

export const INTERNAL_ERROR: FaultAction = Object.freeze({
  kind: 'status',
  status: 500,
  contentType: 'application/xml',
  body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>',
});

export const ACCESS_DENIED: FaultAction = Object.freeze({
  kind: 'status',
  status: 403,
  contentType: 'application/xml',
  body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
});

/** S3's answer for a bucket asked for in the wrong region: a 301 naming the bucket's region. */
export function permanentRedirect(bucket: string, region: string): FaultAction {
  return Object.freeze({
    kind: 'status',
    status: 301,
    contentType: 'application/xml',
    headers: { 'x-amz-bucket-region': region },
    body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.</Message><Endpoint>${bucket}.s3.${region}.amazonaws.com</Endpoint><Bucket>${bucket}</Bucket></Error>`,
  });
}

/** STS's (and every Query API's) answer to credentials whose session has expired. */
export const EXPIRED_TOKEN: FaultAction = Object.freeze({
  kind: 'status',
  status: 403,
  contentType: 'text/xml',
  body: '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>edgecv-test</RequestId></ErrorResponse>',
});

export async function startFaultProxy(target: string, initialRule?: FaultRule, options: FaultProxyOptions = {}): Promise<FaultProxy> {
  const upstream = new URL(target);
  const counters: FaultCounters = { requests: 0, matched: 0, forwarded: 0, injected: { status: 0, reset: 0, delay: 0 }, byOperation: {} };
  const latencyMs = options.latencyMs ?? 0;
  const classify = options.classify ?? ((r) => s3Operation(r.method, r.url, r.headers));
  let rule = initialRule;
  let hits = 0;
  const sockets = new Set<Socket>();
  const pending = new Set<ReturnType<typeof setTimeout>>();

  const forward = (req: IncomingMessage, res: ServerResponse, loseAnswer = false): void => {
    if (latencyMs > 0) {
      const timer = setTimeout(() => {
        pending.delete(timer);
        if (!req.socket.destroyed) send(req, res, loseAnswer);
      }, latencyMs);
      pending.add(timer);
      return;
    }
    send(req, res, loseAnswer);
  };

  const send = (req: IncomingMessage, res: ServerResponse, loseAnswer: boolean): void => {
    counters.forwarded++;
    const proxied = httpRequest(
      { protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (loseAnswer) {
          answer.resume();
          answer.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    proxied.on('error', () => res.destroy());
    req.pipe(proxied);
  };

  const decide = (req: IncomingMessage): FaultAction | undefined => {
    if (!rule) return undefined;
    if (rule.match && !rule.match({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers })) return undefined;
    counters.matched++;
    hits++;
    if (rule.firstN !== undefined && hits > rule.firstN) return undefined;
    if (rule.fraction !== undefined && (rule.random ?? Math.random)() >= rule.fraction) return undefined;
    return rule.action;
  };

  const server: Server = createServer((req, res) => {
    counters.requests++;
    const operation = classify({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    counters.byOperation[operation] = (counters.byOperation[operation] ?? 0) + 1;
    const action = decide(req);
    if (!action) return forward(req, res);
    switch (action.kind) {
      case 'status':
        counters.injected.status++;
        req.resume();
        req.on('end', () => {
          res.writeHead(action.status, { ...action.headers, 'content-type': action.contentType ?? 'text/plain', 'content-length': Buffer.byteLength(action.body ?? '') });
          res.end(action.body ?? '');
        });
        return;
      case 'reset':
        counters.injected.reset++;
        if (action.afterForward) forward(req, res, true);
        else req.socket.destroy();
        return;
      case 'delay': {
        counters.injected.delay++;
        const timer = setTimeout(() => {
          pending.delete(timer);
          if (action.forward === false) return;
          if (!req.socket.destroyed) forward(req, res);
        }, action.ms);
        pending.add(timer);
        return;
      }
    }
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counters,
    setRule(next) {
      rule = next;
      hits = 0;
    },
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port nobody listens on (free a moment ago): connecting to it is refused, as to a stopped server. */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
