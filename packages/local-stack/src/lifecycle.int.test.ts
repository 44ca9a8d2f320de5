import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { detachedStackStatus, resolveStack, startDetachedStack, stopDetachedStack } from './detachedStack';
import { isProcessAlive } from './fileLock';
import { s3Answers } from './healthChecks';
import { startLocalStack } from './startLocalStack';
import { readStackState } from './stackState';

// Starting and stopping servers takes seconds on a busy 2-core machine.
jest.setTimeout(60_000);

/** The test run's own stack is in process.env; these tests start their own. */
function envWithout(...names: string[]): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_DYNAMODB', 'MONGODB_URI']) delete env[name];
  for (const name of names) delete env[name];
  return env;
}

async function tempDataDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'edgecv-lifecycle-'));
}

async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(100);
  }
  return condition();
}

describe('a foreground stack', () => {
  it('leaves no server process behind when the process that started it is killed with SIGKILL', async () => {
    const dataDir = await tempDataDir();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'stackChild.fixture.ts'), dataDir], {
      cwd: path.join(__dirname, '..'),
      env: envWithout(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('started') && resolve());
        child.once('exit', (code) => reject(new Error(`stack child exited early with ${code}`)));
      });
      // tsx has a child of its own (esbuild); keep only our servers.
      const servers = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(child.pid)], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => /moto_launcher\.py|edgecv\.localstack\.Launcher/.test(line))
        .map((line) => Number(line.trim().split(/\s+/)[0]));
      expect(servers).toHaveLength(2);

      child.kill('SIGKILL');

      expect(await waitUntil(() => servers.every((pid) => !isProcessAlive(pid)), 10_000)).toBe(true);
    } finally {
      // Also on a failed assertion: the servers then follow their parent.
      child.kill('SIGKILL');
    }
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('starts nothing for a service the environment names and uses the given endpoint', async () => {
    const dataDir = await tempDataDir();
    const given = 'mongodb://mongo.example.invalid:27017/?directConnection=true';
    const stack = await startLocalStack({ dataDir, env: { ...envWithout(), MONGODB_URI: given } });
    try {
      expect(stack.endpoints.mongodb).toBe(given);
      expect(stack.endpoints.external).toEqual({ s3: false, dynamodb: false, mongodb: true });
      await expect(fs.access(path.join(dataDir, 'logs', 'mongodb.log'))).rejects.toThrow();
      expect(await s3Answers(stack.endpoints.s3)).toBe(true);
    } finally {
      await stack.stop();
    }
    expect(await s3Answers(stack.endpoints.s3)).toBe(false);
    await fs.rm(dataDir, { recursive: true, force: true });
  });
});

describe('a detached stack', () => {
  let dataDir: string;
  const env = envWithout();
  beforeAll(async () => {
    dataDir = await tempDataDir();
  });
  afterAll(async () => {
    await stopDetachedStack(dataDir);
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('is started once per data dir, then reused', async () => {
    const first = await startDetachedStack({ dataDir, env });
    const second = await startDetachedStack({ dataDir, env });

    expect(first.reused).toBe(false);
    expect(second).toEqual({ endpoints: first.endpoints, reused: true });
    expect(await detachedStackStatus(dataDir, env)).toEqual({
      running: true,
      endpoints: first.endpoints,
      services: { s3: 'up', dynamodb: 'up', mongodb: 'up' },
    });
    expect(await resolveStack({ dataDir, env })).toEqual({ endpoints: first.endpoints, source: 'local-stack', started: false });
  });

  it('keeps MongoDB data in the data dir across a stop and a start', async () => {
    const before = await startDetachedStack({ dataDir, env });
    const writer = new MongoClient(before.endpoints.mongodb);
    await writer.db('edgecv').collection('runs').insertOne({ runId: 'kept' });
    await writer.close();

    expect(await stopDetachedStack(dataDir)).toBe(true);
    const after = await startDetachedStack({ dataDir, env });

    const reader = new MongoClient(after.endpoints.mongodb);
    const found = await reader.db('edgecv').collection('runs').findOne({ runId: 'kept' }, { projection: { _id: 0 } });
    await reader.close();
    expect(found).toEqual({ runId: 'kept' });
  });

  it('replaces a server that died instead of reporting the stack as running', async () => {
    await startDetachedStack({ dataDir, env });
    const { servers } = await readStackState(dataDir);
    process.kill(servers.moto!.pid, 'SIGKILL');
    await waitUntil(() => !isProcessAlive(servers.moto!.pid), 5_000);

    const status = await detachedStackStatus(dataDir, env);
    expect(status).toEqual({ running: false, services: { s3: 'down', dynamodb: 'down', mongodb: 'up' } });

    const restarted = await startDetachedStack({ dataDir, env });
    expect(restarted.reused).toBe(false);
    expect(await s3Answers(restarted.endpoints.s3)).toBe(true);
    expect((await readStackState(dataDir)).servers.mongodb).toEqual(servers.mongodb);
  });

  it('stops every server and says whether anything was running', async () => {
    await startDetachedStack({ dataDir, env });
    const { servers } = await readStackState(dataDir);

    expect(await stopDetachedStack(dataDir)).toBe(true);
    expect(isProcessAlive(servers.moto!.pid) || isProcessAlive(servers.mongodb!.pid)).toBe(false);
    expect((await detachedStackStatus(dataDir, env)).services).toEqual({ s3: 'down', dynamodb: 'down', mongodb: 'down' });
    expect(await stopDetachedStack(dataDir)).toBe(false);
  });

  it('lets the environment win for every service it names, starting nothing', async () => {
    const named = {
      ...env,
      AWS_ENDPOINT_URL_S3: 'http://s3.example.invalid',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://dynamodb.example.invalid',
      MONGODB_URI: 'mongodb://mongo.example.invalid',
    };
    const resolved = await resolveStack({ dataDir, env: named });

    expect(resolved).toMatchObject({
      source: 'environment',
      started: false,
      endpoints: { s3: named.AWS_ENDPOINT_URL_S3, dynamodb: named.AWS_ENDPOINT_URL_DYNAMODB, mongodb: named.MONGODB_URI },
    });
    expect((await detachedStackStatus(dataDir, named)).services).toEqual({ s3: 'external', dynamodb: 'external', mongodb: 'external' });
    expect(await readStackState(dataDir)).toEqual({ version: 1, servers: {} });
  });
});
