// edgecv as a user runs it: the built CLI (apps/cli/dist/main.js, `pnpm exec turbo run build
// --filter=@edgecv/cli...` first), one process per verb (plan, run, cutover, cleanup), S3 from the
// environment, its DynamoDB and MongoDB references on the local stack of `dataDir` (started once by
// `startEdgecvStack`, before anything is timed). Every service is named in the environment, as an
// operator pointing edgecv at servers they run does: edgecv refuses a mix of named and embedded
// servers (docs/aws.md), and asks for --yes before a cleanup on servers that are not its own.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { countTimes, withTimes } from './migrationCpu';
import type { EdgecvPhases } from './migrationEdgecv';

export const EDGECV_CLI = path.resolve(__dirname, '..', '..', '..', 'apps', 'cli', 'dist', 'main.js');

export interface S3Endpoint {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

interface StackReferences {
  readonly dynamodb: string;
  readonly mongodb: string;
}

/** The reference servers of each data folder's stack, as `startEdgecvStack` found them. */
const stacks = new Map<string, StackReferences>();

function cliEnv(s3?: S3Endpoint, references?: StackReferences): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_REGION: 'us-east-1' };
  for (const k of ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_STS', 'MONGODB_URI', 'AWS_CA_BUNDLE', 'NODE_OPTIONS', 'TSX_TSCONFIG_PATH']) delete env[k];
  if (s3) Object.assign(env, { AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey });
  if (references) Object.assign(env, { AWS_ENDPOINT_URL_DYNAMODB: references.dynamodb, AWS_ENDPOINT_URL_STS: references.dynamodb, MONGODB_URI: references.mongodb });
  return env;
}

function referencesOf(dataDir: string): StackReferences {
  const references = stacks.get(path.resolve(dataDir));
  if (!references) throw new Error(`no stack for ${dataDir}: startEdgecvStack first`);
  return references;
}

export function edgecvCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  if (!existsSync(EDGECV_CLI)) throw new Error(`${EDGECV_CLI} is missing: pnpm exec turbo run build --filter=@edgecv/cli... first`);
  return new Promise((resolve, reject) => {
    const [shell, shellArgs] = withTimes(process.execPath, [EDGECV_CLI, ...args]);
    const child = spawn(shell, shellArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.on('exit', (code) => {
      countTimes(err);
      if (code === 0) resolve(out);
      else reject(new Error(`edgecv ${args.join(' ')} exited ${code}: ${err}`));
    });
  });
}

/** Starts (or reuses) the local stack that holds the references; S3 is always the one under test. */
export async function startEdgecvStack(dataDir: string, s3: S3Endpoint): Promise<void> {
  const out = await edgecvCli(['local', 'start', '--data', dataDir, '--json'], cliEnv(s3));
  const started = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Partial<StackReferences>;
  if (!started.dynamodb || !started.mongodb) throw new Error(`edgecv local start printed no endpoints: ${out}`);
  const references = { dynamodb: started.dynamodb, mongodb: started.mongodb };
  stacks.set(path.resolve(dataDir), references);
  // The tables on the stack's DynamoDB, now named in the environment like any server a user runs.
  await edgecvCli(['provision', '--tables', '--yes', '--json'], cliEnv(s3, references));
}

export async function stopEdgecvStack(dataDir: string): Promise<void> {
  await edgecvCli(['local', 'stop', '--data', dataDir, '--json'], cliEnv());
  stacks.delete(path.resolve(dataDir));
}

/** plan, run, cutover, cleanup with the CLI; returns each verb's wall time (its process start included). */
export async function edgecvCliMove(s3: S3Endpoint, bucket: string, dataDir: string, n: number, concurrency: number): Promise<EdgecvPhases> {
  const env = cliEnv(s3, referencesOf(dataDir));
  const journal = path.join(dataDir, `${bucket}.jsonl`);
  const data = ['--data', dataDir, '--json'];
  const timed = async (args: string[]): Promise<[number, Record<string, unknown>]> => {
    const t0 = process.hrtime.bigint();
    const out = await edgecvCli([...args, ...data], env);
    const lines = out.trim().split('\n');
    return [Number(process.hrtime.bigint() - t0) / 1e9, JSON.parse(lines[lines.length - 1] ?? '{}') as Record<string, unknown>];
  };
  const [plan, p] = await timed(['migrate', 'plan', '--bucket', bucket, '--journal', journal]);
  if (p.planned !== n) throw new Error(`edgecv planned ${String(p.planned)} of ${n}`);
  const [run, r] = await timed(['migrate', 'run', '--journal', journal, '--concurrency', String(concurrency)]);
  if (r.verified !== n) throw new Error(`edgecv verified ${String(r.verified)} of ${n}`);
  const [cutover] = await timed(['migrate', 'cutover', '--journal', journal]);
  const [cleanup, c] = await timed(['migrate', 'cleanup', '--journal', journal, '--yes']);
  if (c.deleted !== n) throw new Error(`edgecv deleted ${String(c.deleted)} of ${n}`);
  return { plan, run, cutover, cleanup };
}
