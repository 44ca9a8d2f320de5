// Plan at scale (issue 16 §4): keys planned per second, and peak RSS, when every request takes a
// fixed round trip (30 ms, about S3's), for a sequential listing (--list-concurrency 1), the
// parallel listing (16, the CLI's default, and 64) and an S3 Inventory report. The bucket is the
// test harness's synthetic listing (MinIO cannot be seeded with a million objects here in
// reasonable time); the inventory is written by this bench as AWS writes one (manifest.json with
// MD5s, gzip CSV data files of 100,000 rows, URL-encoded keys) and read through GETs that wait
// the same round trip. Each plan runs in a fresh process (src/migrationPlanScaleRun.ts) with Node's
// default heap, as the CLI does; figures are from one run of each. 100M keys is extrapolated from
// the largest size: time at the measured keys/s, memory from its growth between the sizes.
// Usage: TSX_TSCONFIG_PATH=src/migration.tsconfig.json node --import tsx src/migrationPlanScale.bench.ts
//   [--sizes 200000,1000000] [--latency-ms 30] [--sources 0,1,2,3] [--node-flags '--max-old-space-size=64']
//   [--out migration-plan-scale]
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { legacyTrainingKey } from '@edgecv/test-harness';
import { writeBenchResult } from './benchResults';

interface Sample {
  readonly objects: number;
  readonly mode: string;
  readonly listConcurrency: number;
  readonly latencyMs: number;
  readonly planned: number;
  readonly seconds: number;
  readonly maxRssMiB: number;
  readonly requests: Readonly<Record<string, number>>;
}

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? '') : fallback;
};
const SIZES = flag('sizes', '200000,1000000').split(',').map(Number);
const LATENCY_MS = Number(flag('latency-ms', '30'));
const OUT = flag('out', 'migration-plan-scale');
const NODE_FLAGS = flag('node-flags', '').split(' ').filter(Boolean);
const ROWS_PER_FILE = 100_000;
const TARGET_100M_SECONDS = 30 * 60;
const log = (s: string): void => void process.stderr.write(`${s}\n`);

const SOURCES = [
  { name: 'sequential listing (--list-concurrency 1)', mode: 'listing', listConcurrency: 1 },
  { name: 'parallel listing (--list-concurrency 16, the default)', mode: 'listing', listConcurrency: 16 },
  { name: 'parallel listing (--list-concurrency 64)', mode: 'listing', listConcurrency: 64 },
  { name: 'S3 Inventory report (--inventory)', mode: 'inventory', listConcurrency: 0 },
] as const;
const CHOSEN = flag('sources', '0,1,2,3').split(',').map((i) => SOURCES[Number(i)]).filter((s) => s !== undefined);

/** An inventory of the synthetic bucket as S3 writes one: CSV rows gzip'd in files, a manifest with their MD5s. */
function writeInventory(dir: string, n: number): void {
  mkdirSync(path.join(dir, 'bench', 'data'), { recursive: true });
  const files: { key: string; size: number; MD5checksum: string }[] = [];
  for (let start = 0; start < n; start += ROWS_PER_FILE) {
    const rows: string[] = [];
    for (let i = start; i < Math.min(n, start + ROWS_PER_FILE); i++) {
      const key = encodeURIComponent(legacyTrainingKey(i, n)).replace(/%2F/g, '/');
      rows.push(`"bench","${key}","1024","1970-01-01T00:00:00.000Z","d41d8cd98f00b204e9800998ecf8427e","STANDARD"\n`);
    }
    const gz = gzipSync(rows.join(''));
    const key = `bench/data/part-${String(files.length).padStart(5, '0')}.csv.gz`;
    writeFileSync(path.join(dir, key), gz);
    files.push({ key, size: gz.length, MD5checksum: createHash('md5').update(gz).digest('hex') });
  }
  const manifest = {
    sourceBucket: 'bench',
    destinationBucket: 'arn:aws:s3:::inventory',
    version: '2016-11-30',
    creationTimestamp: '0',
    fileFormat: 'CSV',
    fileSchema: 'Bucket, Key, Size, LastModifiedDate, ETag, StorageClass',
    files,
  };
  writeFileSync(path.join(dir, 'bench', 'manifest.json'), JSON.stringify(manifest));
}

function planOnce(n: number, mode: string, listConcurrency: number, inventoryDir: string): Promise<Sample> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [...NODE_FLAGS, '--import', 'tsx', path.join(__dirname, 'migrationPlanScaleRun.ts'), String(n), mode, String(listConcurrency), String(LATENCY_MS), inventoryDir],
      { env: process.env, maxBuffer: 1 << 20 },
      (e, stdout, stderr) => (e ? reject(new Error(`${e.message}: ${stderr}`)) : resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as Sample)),
    ),
  );
}

async function main(): Promise<void> {
  const samples: (Sample & { source: string })[] = [];
  const load: { at: string; loadavg: number[] }[] = [{ at: 'start', loadavg: loadavg() }];
  for (const n of SIZES) {
    const inventoryDir = mkdtempSync(path.join(tmpdir(), 'edgecv-inventory-bench-'));
    try {
      writeInventory(inventoryDir, n);
      for (const s of CHOSEN) {
        const r = await planOnce(n, s.mode, s.listConcurrency, inventoryDir);
        if (r.planned !== n) throw new Error(`${s.name}: planned ${r.planned} of ${n}`);
        samples.push({ ...r, source: s.name });
        log(`${s.name} ${n}: ${r.seconds.toFixed(1)} s, ${(n / r.seconds).toFixed(0)} keys/s, RSS ${r.maxRssMiB.toFixed(1)} MiB, requests ${JSON.stringify(r.requests)}`);
      }
    } finally {
      rmSync(inventoryDir, { recursive: true, force: true });
    }
    load.push({ at: `after ${n}`, loadavg: loadavg() });
  }
  const largest = Math.max(...SIZES);
  const smallest = Math.min(...SIZES);
  const summary = CHOSEN.map((s) => {
    const of = (n: number) => samples.find((x) => x.source === s.name && x.objects === n);
    const big = of(largest) as Sample;
    const small = of(smallest) as Sample;
    const keysPerSecond = big.objects / big.seconds;
    const seconds100M = 1e8 / keysPerSecond;
    return {
      source: s.name,
      keysPerSecondBySize: SIZES.map((n) => ({ objects: n, keysPerSecond: n / (of(n) as Sample).seconds, maxRssMiB: (of(n) as Sample).maxRssMiB })),
      keysPerSecond,
      maxRssMiB: big.maxRssMiB,
      rssGrowth: big.maxRssMiB / small.maxRssMiB - 1,
      requestsAtLargest: big.requests,
      extrapolated100M: { seconds: seconds100M, minutes: seconds100M / 60, meetsTarget: seconds100M <= TARGET_100M_SECONDS },
    };
  });
  const md = [
    `# Plan at ${LATENCY_MS} ms per request (synthetic listing / inventory, JSONL journal with fsync, fresh process each, ${NODE_FLAGS.length > 0 ? `\`${NODE_FLAGS.join(' ')}\`` : "Node's default heap"}, one run)`,
    '',
    `Load average (1, 5, 15 min): ${load.map((l) => `${l.at} ${l.loadavg.map((x) => x.toFixed(1)).join('/')}`).join('; ')}.`,
    '',
    `| source | ${SIZES.map((n) => `keys/s at ${n.toLocaleString('en-US')}`).join(' | ')} | ${SIZES.map((n) => `peak RSS at ${n.toLocaleString('en-US')} (MiB)`).join(' | ')} | RSS growth | requests at ${largest.toLocaleString('en-US')} | 100M keys, extrapolated | target < 30 min |`,
    `|---|${SIZES.map(() => '---:').join('|')}|${SIZES.map(() => '---:').join('|')}|---:|---|---:|---|`,
    ...summary.map(
      (s) =>
        `| ${s.source} | ${s.keysPerSecondBySize.map((x) => x.keysPerSecond.toFixed(0)).join(' | ')} | ${s.keysPerSecondBySize.map((x) => x.maxRssMiB.toFixed(1)).join(' | ')} | ${s.rssGrowth >= 0 ? '+' : ''}${(s.rssGrowth * 100).toFixed(1)}% | ${Object.entries(
          s.requestsAtLargest,
        )
          .map(([op, k]) => `${op} ${k}`)
          .join(', ')} | ${s.extrapolated100M.minutes.toFixed(0)} min | ${s.extrapolated100M.meetsTarget ? 'met' : 'missed'} |`,
    ),
    '',
  ].join('\n');
  writeBenchResult(OUT, { latencyMs: LATENCY_MS, nodeFlags: NODE_FLAGS, sizes: SIZES, rowsPerInventoryFile: ROWS_PER_FILE, load, summary, samples }, md);
}

main().catch((e: unknown) => {
  log(String(e instanceof Error ? e.stack : e));
  process.exit(1);
});

