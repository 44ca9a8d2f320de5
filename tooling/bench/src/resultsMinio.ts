// MinIO for the results benchmark (DESIGN §7: the fast S3 server), built once with `go install`
// at a pinned commit into the edgecv cache and started on a free loopback port.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The Go module proxy serves MinIO only as pseudo-versions (its RELEASE.* tags are not semver):
 * this is master of 2026-02-12, the latest the proxy offers here.
 */
export const MINIO_VERSION = 'v0.0.0-20260212201848-7aac2a2c5b7c';

export interface RunningMinio {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The server's process id (for its CPU time). */
  readonly pid?: number;
  stop(): Promise<void>;
}

function cacheDir(): string {
  return process.env.EDGECV_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'edgecv');
}

export async function ensureMinio(log: (line: string) => void = () => undefined): Promise<string> {
  const bin = path.join(cacheDir(), `minio-${MINIO_VERSION}`);
  const exe = path.join(bin, 'minio');
  if (existsSync(exe)) return exe;
  await mkdir(bin, { recursive: true });
  log(`building MinIO ${MINIO_VERSION} with go install (several minutes the first time)`);
  await promisify(execFile)('go', ['install', `github.com/minio/minio@${MINIO_VERSION}`], {
    env: { ...process.env, GOBIN: bin },
    maxBuffer: 64 * 1024 * 1024,
  });
  return exe;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startMinio(log?: (line: string) => void, credentials: { accessKeyId: string; secretAccessKey: string } = { accessKeyId: 'edgecv', secretAccessKey: 'edgecv-local-secret' }): Promise<RunningMinio> {
  const exe = await ensureMinio(log);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'edgecv-minio-'));
  const port = await freePort();
  const consolePort = await freePort();
  const { accessKeyId, secretAccessKey } = credentials;
  const child: ChildProcess = spawn(exe, ['server', dataDir, '--address', `127.0.0.1:${port}`, '--console-address', `127.0.0.1:${consolePort}`, '--quiet'], {
    env: { ...process.env, MINIO_ROOT_USER: accessKeyId, MINIO_ROOT_PASSWORD: secretAccessKey, MINIO_BROWSER: 'off' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`minio exited with ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`${endpoint}/minio/health/live`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`minio did not become healthy within 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    endpoint,
    ...(child.pid !== undefined ? { pid: child.pid } : {}),
    accessKeyId,
    secretAccessKey,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
