// Migration throughput, side by side on one MinIO and the same data (DESIGN §7): move N small
// objects from legacy to new keys with edgecv (plan + run + cutover + cleanup), `rclone move`
// (server-side copy) and `aws s3 mv --recursive`; a raw CopyObject loop at its best concurrency is
// the limit. Then plan's peak RSS at 20k and 200k keys (synthetic listing, see migrationPlanRss.ts).
// Usage: TSX_TSCONFIG_PATH=src/migration.tsconfig.json node --import tsx src/migration.bench.ts [objects]
import { execFile, spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CopyObjectCommand, CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_LEGACY_RULES, DEFAULT_PATH_CONFIG, PathResolver } from '@edgecv/domain';
import { JsonlMigrationJournal } from '@edgecv/infrastructure/journal';
import { S3ObjectStore } from '@edgecv/infrastructure/s3';
import { cleanupSources, cutoverReferences, planMigration, rulesHash, runMigration } from '@edgecv/use-cases';
import { startMinio, type RunningMinio } from './resultsMinio';

const N = Number(process.argv[2] ?? '20000');
const resolver = new PathResolver(DEFAULT_PATH_CONFIG);
const clock = { now: () => new Date() };
const log = (s: string): void => void process.stderr.write(`${s}\n`);

function client(m: RunningMinio, sockets = 256): S3Client {
  return new S3Client({
    endpoint: m.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: m.accessKeyId, secretAccessKey: m.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: sockets }) },
  });
}

const legacyKey = (i: number): string => `training-output/job-${i % 200}/part-${String(i).padStart(6, '0')}.bin`;

async function pool<T>(items: readonly T[], width: number, work: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

async function seed(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const body = Buffer.alloc(1024, 7);
  await pool(
    Array.from({ length: N }, (_, i) => i),
    64,
    async (i) => void (await s3.send(new PutObjectCommand({ Bucket: bucket, Key: legacyKey(i), Body: body, ContentType: 'application/octet-stream' }))),
  );
}

async function count(s3: S3Client, bucket: string, prefix: string): Promise<number> {
  let n = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    n += page.KeyCount ?? 0;
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return n;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    // The machine's AWS_CA_BUNDLE makes rclone refuse a plain-HTTP endpoint; nothing here uses TLS.
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete childEnv.AWS_CA_BUNDLE;
    const child = spawn(cmd, args, { env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}: ${err}`))));
  });
}

interface Result {
  tool: string;
  settings: string;
  seconds: number;
  objectsPerSecond: number;
  moved: number;
}

async function measure(tool: string, settings: string, m: RunningMinio, s3: S3Client, bucket: string, move: () => Promise<void>): Promise<Result> {
  await seed(s3, bucket);
  const t0 = process.hrtime.bigint();
  await move();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const moved = await count(s3, bucket, 'models/training/');
  const left = await count(s3, bucket, 'training-output/');
  const r = { tool, settings, seconds, objectsPerSecond: N / seconds, moved };
  log(`${tool} ${settings}: ${seconds.toFixed(1)} s, ${r.objectsPerSecond.toFixed(0)} objects/s, moved ${moved}, left ${left}`);
  if (tool !== 'raw CopyObject' && (moved !== N || left !== 0)) throw new Error(`${tool} did not move everything: ${moved} moved, ${left} left`);
  return r;
}

async function main(): Promise<void> {
  const m = await startMinio(log);
  const s3 = client(m);
  const results: Result[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'edgecv-mig-bench-'));
  let b = 0;
  const bucket = (): string => `mig-bench-${++b}`;
  try {
    for (const concurrency of [64]) {
      const name = bucket();
      const store = new S3ObjectStore({
        region: 'us-east-1',
        endpoint: m.endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: m.accessKeyId, secretAccessKey: m.secretAccessKey },
        checksumMode: 'WHEN_REQUIRED',
        maxSockets: 256,
      });
      results.push(
        await measure('edgecv', `plan+run+cutover+cleanup, concurrency ${concurrency}, JSONL journal fsync`, m, s3, name, async () => {
          const journal = new JsonlMigrationJournal(path.join(dir, `${name}.jsonl`));
          const t = Date.now();
          await planMigration({ bucket: name, journal }, { store, resolver, rulesHash: rulesHash(DEFAULT_LEGACY_RULES), clock });
          const tPlan = Date.now();
          const r = await runMigration({ journal, concurrency }, { store, clock });
          if (r.verified !== N) throw new Error(`edgecv verified ${r.verified} of ${N}`);
          const tRun = Date.now();
          await cutoverReferences({ journal }, { referenceStores: [], resolver });
          const tCut = Date.now();
          await cleanupSources({ journal }, { store, referenceStores: [] });
          await journal.close();
          log(`  edgecv phases (s): plan ${(tPlan - t) / 1000}, run ${(tRun - tPlan) / 1000}, cutover ${(tCut - tRun) / 1000}, cleanup ${(Date.now() - tCut) / 1000}`);
        }),
      );
    }
    const rcloneEnv = {
      RCLONE_CONFIG_M_TYPE: 's3',
      RCLONE_CONFIG_M_PROVIDER: 'Minio',
      RCLONE_CONFIG_M_ENDPOINT: m.endpoint,
      RCLONE_CONFIG_M_ACCESS_KEY_ID: m.accessKeyId,
      RCLONE_CONFIG_M_SECRET_ACCESS_KEY: m.secretAccessKey,
      RCLONE_CONFIG_M_REGION: 'us-east-1',
    };
    for (const transfers of [32]) {
      const name = bucket();
      results.push(
        await measure('rclone move', `--transfers ${transfers} --checkers ${transfers * 2} (server-side copy)`, m, s3, name, () =>
          run('rclone', ['move', `m:${name}/training-output`, `m:${name}/models/training`, '--transfers', String(transfers), '--checkers', String(transfers * 2), '--s3-no-check-bucket', '--s3-upload-cutoff', '5G', '-q'], rcloneEnv),
        ),
      );
    }
    const awsConfig = path.join(dir, 'aws-config');
    writeFileSync(awsConfig, '[default]\nregion = us-east-1\ns3 =\n  max_concurrent_requests = 64\n  max_queue_size = 10000\n');
    {
      const name = bucket();
      results.push(
        await measure('aws s3 mv --recursive', 'Debian awscli, max_concurrent_requests 64', m, s3, name, () =>
          run('/usr/bin/aws', ['s3', 'mv', `s3://${name}/training-output/`, `s3://${name}/models/training/`, '--recursive', '--only-show-errors', '--endpoint-url', m.endpoint], {
            AWS_CONFIG_FILE: awsConfig,
            AWS_ACCESS_KEY_ID: m.accessKeyId,
            AWS_SECRET_ACCESS_KEY: m.secretAccessKey,
          }),
        ),
      );
    }
    for (const width of [64, 128]) {
      const name = bucket();
      results.push(
        await measure('raw CopyObject', `loop, concurrency ${width} (copy only: no verify, no delete)`, m, s3, name, () =>
          pool(
            Array.from({ length: N }, (_, i) => i),
            width,
            async (i) => void (await s3.send(new CopyObjectCommand({ Bucket: name, Key: legacyKey(i).replace('training-output/', 'models/training/'), CopySource: `${name}/${legacyKey(i)}` }))),
          ),
        ),
      );
    }
  } finally {
    await m.stop();
  }

  const rss = [];
  for (const n of [20_000, 200_000]) {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', path.join(__dirname, 'migrationPlanRss.ts'), String(n)], { env: process.env }, (e, stdout) => (e ? reject(e) : resolve(stdout))),
    );
    rss.push(JSON.parse(out.trim().split('\n').pop() as string) as { objects: number; maxRssMiB: number; seconds: number });
  }

  const best = (tool: string): number => Math.max(...results.filter((r) => r.tool === tool).map((r) => r.objectsPerSecond));
  const edgecv = best('edgecv');
  const summary = {
    objects: N,
    results,
    ratios: {
      vsRclone: edgecv / best('rclone move'),
      vsAwsCli: edgecv / best('aws s3 mv --recursive'),
      ofRawLimit: edgecv / best('raw CopyObject'),
    },
    planRss: rss,
    planRssGrowth: (rss[1]?.maxRssMiB ?? 0) / (rss[0]?.maxRssMiB ?? 1) - 1,
  };
  const outDir = path.join(__dirname, '..', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'migration.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const md = [
    `# Migration benchmark (${N} objects of 1 KiB, MinIO on loopback, 2 cores)`,
    '',
    '| tool | settings | seconds | objects/s |',
    '|---|---|---:|---:|',
    ...results.map((r) => `| ${r.tool} | ${r.settings} | ${r.seconds.toFixed(1)} | ${r.objectsPerSecond.toFixed(0)} |`),
    '',
    `edgecv / rclone: ${summary.ratios.vsRclone.toFixed(2)}x; edgecv / aws-cli: ${summary.ratios.vsAwsCli.toFixed(2)}x; edgecv / raw CopyObject limit: ${(summary.ratios.ofRawLimit * 100).toFixed(0)}%`,
    '',
    '| plan over a synthetic listing | peak RSS (MiB) | seconds |',
    '|---|---:|---:|',
    ...rss.map((r) => `| ${r.objects} keys | ${r.maxRssMiB.toFixed(1)} | ${r.seconds.toFixed(1)} |`),
    '',
    `RSS growth 20k -> 200k: ${(summary.planRssGrowth * 100).toFixed(1)}%`,
    '',
  ].join('\n');
  writeFileSync(path.join(outDir, 'migration.md'), md);
  process.stdout.write(md);
}

main().catch((e: unknown) => {
  log(String(e instanceof Error ? e.stack : e));
  process.exit(1);
});
