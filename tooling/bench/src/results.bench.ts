// Results upload benchmark (issue 3 §6): edgecv (stream zip -> S3 multipart, one pass) against
// Info-ZIP `zip -r` then `aws s3 cp`, side by side on the same MinIO, same directories.
// Writes results/results.json and results/results.md. Sizes/runs: EDGECV_BENCH_SIZES=256,1024 (MiB),
// EDGECV_BENCH_RUNS=3,1 (runs per size).
import { execFileSync, spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import ts from 'typescript';
import { ensureDataset } from './resultsDataset';
import { MINIO_VERSION, startMinio, type RunningMinio } from './resultsMinio';

const benchRoot = path.resolve(__dirname, '..');
const tmpRoot = path.join(benchRoot, 'results', 'tmp');
const AWS = process.env.EDGECV_BENCH_AWS ?? '/usr/bin/aws';
const log = (line: string): void => void process.stderr.write(`${line}\n`);

interface Measured {
  seconds: number;
  maxRssKiB: number;
}

/** Runs a command under /usr/bin/time -v; returns wall seconds, peak RSS and stdout. */
function timed(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<Measured & { stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-v', cmd, ...args], { cwd: opts.cwd, env: opts.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ seconds, maxRssKiB: Number(rss?.[1] ?? NaN), stdout });
    });
  });
}

function s3Env(minio: RunningMinio): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AWS_ACCESS_KEY_ID: minio.accessKeyId,
    AWS_SECRET_ACCESS_KEY: minio.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_S3: minio.endpoint,
    AWS_PAGER: '',
  };
}

/**
 * resultsUpload.ts compiled to plain JS and run with node on the built packages, as the CLI runs:
 * a TypeScript loader in the measured process would add ~35 MiB of RSS that edgecv never has.
 */
async function compiledUploader(): Promise<string> {
  const source = await readFile(path.join(__dirname, 'resultsUpload.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
  const out = path.join(tmpRoot, 'resultsUpload.js');
  await writeFile(out, outputText);
  return out;
}

async function edgecv(minio: RunningMinio, dir: string, bucket: string, key: string): Promise<Measured & { zipBytes: number }> {
  const r = await timed(process.execPath, [await compiledUploader(), dir, bucket, key], { cwd: benchRoot, env: s3Env(minio) });
  const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { size: number };
  return { seconds: r.seconds, maxRssKiB: r.maxRssKiB, zipBytes: out.size };
}

async function zipThenAws(minio: RunningMinio, dir: string, bucket: string, key: string): Promise<Measured & { zipBytes: number; zipSeconds: number; cpSeconds: number; zipRssKiB: number; awsRssKiB: number }> {
  const zipFile = path.join(tmpRoot, `${key.replace(/\W/g, '_')}.zip`);
  await rm(zipFile, { force: true });
  try {
    const z = await timed('zip', ['-r', '-q', zipFile, '.'], { cwd: dir });
    const zipBytes = Number(execFileSync('stat', ['-c', '%s', zipFile]).toString().trim());
    const c = await timed(AWS, ['s3', 'cp', '--only-show-errors', '--endpoint-url', minio.endpoint, zipFile, `s3://${bucket}/${key}`], { env: s3Env(minio) });
    return {
      seconds: z.seconds + c.seconds,
      maxRssKiB: Math.max(z.maxRssKiB, c.maxRssKiB),
      zipBytes,
      zipSeconds: z.seconds,
      cpSeconds: c.seconds,
      zipRssKiB: z.maxRssKiB,
      awsRssKiB: c.maxRssKiB,
    };
  } finally {
    await rm(zipFile, { force: true });
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const mibps = (bytes: number, s: number): number => bytes / 1024 / 1024 / s;

async function main(): Promise<void> {
  const sizes = (process.env.EDGECV_BENCH_SIZES ?? '256,1024').split(',').map(Number);
  const runsPerSize = (process.env.EDGECV_BENCH_RUNS ?? '3,1').split(',').map(Number);
  await mkdir(tmpRoot, { recursive: true });
  const awsVersion = execFileSync(AWS, ['--version']).toString().trim();
  const zipVersion = execFileSync('zip', ['-v']).toString().split('\n')[1]?.trim() ?? 'zip';
  const minio = await startMinio(log);
  const results = [];
  try {
    const bucket = 'edgecv-bench';
    await new S3Client({ region: 'us-east-1', endpoint: minio.endpoint, forcePathStyle: true, credentials: minio }).send(new CreateBucketCommand({ Bucket: bucket }));
    for (const [i, sizeMiB] of sizes.entries()) {
      const runs = runsPerSize[i] ?? 1;
      log(`dataset ${sizeMiB} MiB...`);
      const ds = await ensureDataset(tmpRoot, sizeMiB * 1024 * 1024);
      const e: Awaited<ReturnType<typeof edgecv>>[] = [];
      const z: Awaited<ReturnType<typeof zipThenAws>>[] = [];
      for (let r = 0; r < runs; r++) {
        // Alternate the order so neither pipeline always gets the warmer cache.
        const pair = async (): Promise<void> => void e.push(await edgecv(minio, ds.dir, bucket, `edgecv/${sizeMiB}/${r}.zip`));
        const peer = async (): Promise<void> => void z.push(await zipThenAws(minio, ds.dir, bucket, `zipaws/${sizeMiB}/${r}.zip`));
        if (r % 2 === 0) await pair().then(peer);
        else await peer().then(pair);
        log(`  run ${r + 1}/${runs}: edgecv ${e.at(-1)!.seconds.toFixed(1)} s ${(e.at(-1)!.maxRssKiB / 1024).toFixed(0)} MiB, zip+aws ${z.at(-1)!.seconds.toFixed(1)} s ${(z.at(-1)!.maxRssKiB / 1024).toFixed(0)} MiB`);
      }
      const eS = median(e.map((x) => x.seconds));
      const zS = median(z.map((x) => x.seconds));
      results.push({
        sizeMiB,
        files: ds.files,
        inputBytes: ds.bytes,
        runs,
        edgecv: { runs: e, medianSeconds: eS, throughputMiBps: mibps(ds.bytes, eS), peakRssMiB: Math.max(...e.map((x) => x.maxRssKiB)) / 1024 },
        zipAws: { runs: z, medianSeconds: zS, throughputMiBps: mibps(ds.bytes, zS), peakRssMiB: Math.max(...z.map((x) => x.maxRssKiB)) / 1024 },
        throughputRatio: zS / eS,
      });
    }
  } finally {
    await minio.stop();
  }
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: execFileSync('nproc').toString().trim(), node: process.version },
    server: `MinIO ${MINIO_VERSION} (go install), loopback`,
    peers: { aws: awsVersion, zip: zipVersion },
    method:
      'Same directory, same MinIO, one bucket. edgecv: one Node process streaming yazl zip (deflate 6, already-compressed extensions stored) into an S3 multipart upload (5 MiB parts, 2 in flight: the defaults), SHA-256 computed in the same pass. Peer: zip -r (deflate 6) to a temp file, then aws s3 cp. Wall time includes process start. Peak RSS from /usr/bin/time -v (for the peer, the larger of its two processes). Median of the runs.',
    results,
  };
  await writeFile(path.join(benchRoot, 'results', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  const rows = results.map(
    (r) =>
      `| ${r.sizeMiB} MiB (${r.files} files) | ${r.runs} | ${r.edgecv.medianSeconds.toFixed(1)} s / ${r.edgecv.throughputMiBps.toFixed(1)} MiB/s | ${r.zipAws.medianSeconds.toFixed(1)} s / ${r.zipAws.throughputMiBps.toFixed(1)} MiB/s | **${r.throughputRatio.toFixed(2)}x** | ${r.edgecv.peakRssMiB.toFixed(0)} MiB | ${r.zipAws.peakRssMiB.toFixed(0)} MiB |`,
  );
  const md = [
    '# Results upload: edgecv vs zip -r + aws s3 cp',
    '',
    `${report.date}, ${report.machine.cpus} CPUs (shared), Node ${report.machine.node}, ${report.server}; ${awsVersion}; ${zipVersion}.`,
    '',
    '| directory | runs | edgecv (median) | zip + aws (median) | throughput ratio (edgecv / peer) | edgecv peak RSS | peer peak RSS |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    report.method,
    '',
    'Targets: throughput at least the peer\'s (ratio >= 1), edgecv peak RSS <= 150 MiB at both sizes.',
    '',
  ].join('\n');
  await writeFile(path.join(benchRoot, 'results', 'results.md'), md);
  process.stdout.write(md);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
