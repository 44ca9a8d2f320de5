// Migration throughput, side by side on one MinIO and the same data (DESIGN §7): move N objects of
// 1 KiB from legacy to new keys with edgecv (plan + run + cutover + cleanup), `rclone move`
// (server-side copy) and `aws s3 mv --recursive`; a raw CopyObject loop is the limit of a copy, and a
// raw "copy + batch delete" loop (DeleteObjects of 1,000 keys) the fair limit of a move. Every round
// runs every tool once on freshly seeded data (the machine is shared: rounds interleave the tools,
// figures are medians over rounds). The plan's memory has its own bench: migrationPlanMemory.bench.ts.
// Usage: TSX_TSCONFIG_PATH=src/migration.tsconfig.json node --import tsx src/migration.bench.ts [objects]
//   [--rounds R] [--edgecv 64,128] [--rclone 64:128] [--aws 64] [--raw 128] [--raw-move 128] [--out NAME]
// (--rclone takes transfers:checkers pairs; an empty list skips that tool.)
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { countKeys, benchClient, seed } from './migrationData';
import { edgecvMove, type EdgecvPhases } from './migrationEdgecv';
import { awsMove, rawCopyLoop, rawMoveLoop, rcloneMove } from './migrationPeers';
import { renderMigrationReport, type MigrationBenchResult, type Measurement } from './migrationReport';
import { ensurePeerTools } from './migrationTools';
import { startMinio } from './resultsMinio';
import { writeBenchResult } from './benchResults';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? '') : fallback;
};
const list = (s: string): string[] => s.split(',').filter((x) => x.length > 0);
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? '20000');
const ROUNDS = Number(flag('rounds', '2'));
const EDGECV = list(flag('edgecv', '64')).map(Number);
const RCLONE = list(flag('rclone', '64:128')).map((p) => p.split(':').map(Number) as [number, number]);
const AWS = list(flag('aws', '64')).map(Number);
const RAW = list(flag('raw', '128')).map(Number);
const RAW_MOVE = list(flag('raw-move', '128')).map(Number);
const OUT = flag('out', 'migration');
const log = (s: string): void => void process.stderr.write(`${s}\n`);

async function main(): Promise<void> {
  if (RCLONE.length > 0 || AWS.length > 0) await ensurePeerTools(log);
  const m = await startMinio(log);
  const s3 = benchClient(m);
  const measurements: Measurement[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'edgecv-mig-bench-'));
  let b = 0;
  const measure = async (round: number, tool: string, settings: string, move: (bucket: string) => Promise<EdgecvPhases | void>): Promise<void> => {
    const bucket = `mig-bench-${++b}`;
    await seed(s3, bucket, N);
    const t0 = process.hrtime.bigint();
    const phases = await move(bucket);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const moved = await countKeys(s3, bucket, 'models/training/');
    const left = await countKeys(s3, bucket, 'training-output/');
    const r: Measurement = { round, tool, settings, seconds, objectsPerSecond: N / seconds, moved, ...(phases ? { phases } : {}) };
    log(`round ${round} ${tool} ${settings}: ${seconds.toFixed(1)} s, ${r.objectsPerSecond.toFixed(0)} objects/s, moved ${moved}, left ${left}${phases ? ` ${JSON.stringify(phases)}` : ''}`);
    if (moved !== N || (tool !== 'raw CopyObject' && left !== 0)) throw new Error(`${tool} did not move everything: ${moved} moved, ${left} left`);
    measurements.push(r);
  };
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const c of EDGECV) {
        await measure(round, 'edgecv', `plan+run+cutover+cleanup, run concurrency ${c}, JSONL journal with fsync, CLI S3 defaults`, (bucket) => edgecvMove(m, bucket, dir, N, c));
      }
      for (const [transfers, checkers] of RCLONE) {
        await measure(round, 'rclone move', `--transfers ${transfers} --checkers ${checkers} (server-side copy)`, (bucket) => rcloneMove(m, bucket, transfers, checkers));
      }
      for (const c of AWS) {
        await measure(round, 'aws s3 mv --recursive', `Debian awscli, max_concurrent_requests ${c}`, (bucket) => awsMove(m, bucket, dir, c));
      }
      for (const c of RAW) {
        await measure(round, 'raw CopyObject', `loop, concurrency ${c} (copy only: no verify, no delete)`, (bucket) => rawCopyLoop(s3, bucket, N, c));
      }
      for (const c of RAW_MOVE) {
        await measure(round, 'raw copy + batch delete', `CopyObject loop, concurrency ${c}, then DeleteObjects of 1000 keys, 4 in flight (no verify, no journal)`, (bucket) =>
          rawMoveLoop(s3, bucket, N, c),
        );
      }
    }
  } finally {
    await m.stop();
  }

  const result: MigrationBenchResult = { objects: N, rounds: ROUNDS, measurements, loadavg: loadavg() };
  const { json, markdown } = renderMigrationReport(result);
  writeBenchResult(OUT, json, markdown);
}

main().catch((e: unknown) => {
  log(String(e instanceof Error ? e.stack : e));
  process.exit(1);
});
