// `edgecv loadtest` with S3 served by MinIO instead of the local stack's moto (DESIGN §7: the fast
// S3 server; DynamoDB, STS and MongoDB from a local stack this script starts). Starts MinIO (built
// once with `go install`, see resultsMinio.ts) with the local stack's credentials, and names every
// service in the environment, as an operator pointing edgecv at servers they run would (edgecv
// refuses a mix of named and embedded servers, docs/aws.md). Then `edgecv provision --yes`
// creates the bucket and tables there, the built CLI runs the load test with the given arguments,
// and everything is stopped.
//
//   cd tooling/bench && node --import tsx src/loadtestMinio.ts --users 50 --spawn-rate 5 --duration 60s --json
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { LOCAL_CREDENTIALS, startLocalStack } from '@edgecv/local-stack';
import { startMinio } from './resultsMinio';

const repoRoot = path.resolve(__dirname, '../../..');
const cli = path.join(repoRoot, 'apps/cli/dist/main.js');
const BUCKET = process.env.EDGECV_ARTIFACT_BUCKET ?? 'edgecv-artifacts';

async function main(): Promise<number> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build the CLI first (pnpm exec turbo run build --filter=@edgecv/cli...)`);
  const minio = await startMinio((line) => process.stderr.write(`${line}\n`), { accessKeyId: LOCAL_CREDENTIALS.accessKeyId, secretAccessKey: LOCAL_CREDENTIALS.secretAccessKey });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'edgecv-loadtest-minio-'));
  const stack = await startLocalStack({ dataDir, env: {}, log: (line) => process.stderr.write(`${line}\n`) });
  try {
    const { endpoints } = stack;
    process.stderr.write(`MinIO on ${minio.endpoint}; DynamoDB and STS on ${endpoints.dynamodb}; MongoDB on ${endpoints.mongodb}\n`);
    // As scripts/edgecv.sh runs the CLI.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ENDPOINT_URL_S3: minio.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_STS: endpoints.dynamodb,
      MONGODB_URI: endpoints.mongodb,
      AWS_REGION: endpoints.region,
      AWS_ACCESS_KEY_ID: endpoints.accessKeyId,
      AWS_SECRET_ACCESS_KEY: endpoints.secretAccessKey,
      EDGECV_ARTIFACT_BUCKET: BUCKET,
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    };
    const provisioned = await runCli(['provision', '--yes'], env, 'ignore');
    if (provisioned !== 0) throw new Error(`edgecv provision --yes exited ${provisioned}`);
    return await runCli(['loadtest', ...process.argv.slice(2)], env, 'inherit');
  } finally {
    await stack.stop();
    await minio.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function runCli(args: string[], env: NodeJS.ProcessEnv, stdout: 'inherit' | 'ignore'): Promise<number> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', stdout, 'inherit'], env });
  return new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
