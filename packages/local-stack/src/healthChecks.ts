import net from 'node:net';

/** A real S3 request: ListBuckets, unsigned (moto does not check signatures). */
export async function s3Answers(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/`, { signal: AbortSignal.timeout(2_000) });
    const body = await response.text();
    return response.ok && body.includes('ListAllMyBucketsResult');
  } catch {
    return false;
  }
}

/** A real DynamoDB request: ListTables, with a credential scope so moto routes it to DynamoDB. */
export async function dynamoDbAnswers(endpoint: string, region: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': 'DynamoDB_20120810.ListTables',
        Authorization: `AWS4-HMAC-SHA256 Credential=edgecv/20240101/${region}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: '{}',
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await response.json()) as { TableNames?: unknown };
    return response.ok && Array.isArray(body.TableNames);
  } catch {
    return false;
  }
}

/** The port accepts a TCP connection (the Mongo launcher prints its ready line only after binding). */
export function tcpAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
