// The plan's memory in the number of objects (issue 4 §8: "planning RSS flat within 10%").
// Each measurement is a fresh process (src/migrationPlanRss.ts) planning N synthetic legacy keys
// into a real JSONL journal with fsync, under two V8 heap settings:
// - Node's defaults, what `edgecv migrate plan` runs with: V8 sizes its young generation and
//   old-space limit from the allocation rate, so a longer run may hold more garbage;
// - a bounded heap (a 1 MiB semi-space, a 24 MiB old space): the plan has to fit, so anything it
//   retained per object would show as growth or end in an out-of-memory crash.
// A third run per size, with --expose-gc, takes a full GC every 10,000 keys and reports the largest
// live heap: what the plan keeps while it runs (its RSS is not reported: those GCs lower it).
// Usage: TSX_TSCONFIG_PATH=src/migration.tsconfig.json node --import tsx src/migrationPlanMemory.bench.ts
//   [--sizes 20000,200000,1000000] [--rounds 3] [--out migration-plan-memory]
import { execFile } from 'node:child_process';
import path from 'node:path';
import { median } from './migrationReport';
import { writeBenchResult } from './benchResults';

interface Sample {
  readonly objects: number;
  readonly planned: number;
  readonly seconds: number;
  readonly maxRssMiB: number;
  readonly peakHeapUsedMiB: number;
  readonly liveHeapMiB?: number;
  readonly nodeFlags: string;
}

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? '') : fallback;
};
const SIZES = flag('sizes', '20000,200000,1000000').split(',').map(Number);
const ROUNDS = Number(flag('rounds', '3'));
const OUT = flag('out', 'migration-plan-memory');
const TARGET_GROWTH = 0.1;
const HEAPS = [
  { name: 'Node defaults', flags: [] as string[] },
  { name: 'bounded heap', flags: ['--max-semi-space-size=1', '--max-old-space-size=24'] },
] as const;

function planOnce(n: number, flags: readonly string[]): Promise<Sample> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [...flags, '--import', 'tsx', path.join(__dirname, 'migrationPlanRss.ts'), String(n)],
      { env: process.env, maxBuffer: 1 << 20 },
      (e, stdout) => (e ? reject(e) : resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as Sample)),
    ),
  );
}

async function main(): Promise<void> {
  const rows: { heap: string; flags: string; objects: number; samples: Sample[] }[] = [];
  for (const heap of HEAPS) for (const n of SIZES) rows.push({ heap: heap.name, flags: heap.flags.join(' '), objects: n, samples: [] });
  // Interleave heaps and sizes round by round, so machine load hits each alike.
  for (let round = 1; round <= ROUNDS; round++) {
    for (const row of rows) {
      const s = await planOnce(row.objects, row.flags === '' ? [] : row.flags.split(' '));
      if (s.planned !== row.objects) throw new Error(`planned ${s.planned} of ${row.objects}`);
      row.samples.push(s);
      process.stderr.write(`round ${round} ${row.heap} ${row.objects}: RSS ${s.maxRssMiB.toFixed(1)} MiB, ${s.seconds.toFixed(1)} s\n`);
    }
  }
  const live = new Map<number, number>();
  for (const n of SIZES) {
    const s = await planOnce(n, ['--expose-gc']);
    live.set(n, s.liveHeapMiB ?? NaN);
    process.stderr.write(`live heap ${n}: ${(s.liveHeapMiB ?? NaN).toFixed(1)} MiB\n`);
  }
  const liveHeap = SIZES.map((n) => ({ objects: n, maxLiveHeapMiB: live.get(n) ?? NaN }));
  const summary = rows.map((r) => ({
    heap: r.heap,
    nodeFlags: r.flags,
    objects: r.objects,
    medianMaxRssMiB: median(r.samples.map((s) => s.maxRssMiB)),
    maxRssMiBByRound: r.samples.map((s) => s.maxRssMiB),
    medianPeakHeapUsedMiB: median(r.samples.map((s) => s.peakHeapUsedMiB)),
    medianSeconds: median(r.samples.map((s) => s.seconds)),
  }));
  const growth = HEAPS.map((heap) => {
    const of = (n: number): number | undefined => summary.find((s) => s.heap === heap.name && s.objects === n)?.medianMaxRssMiB;
    const base = of(SIZES[0] as number);
    return {
      heap: heap.name,
      steps: SIZES.slice(1).map((n) => ({ from: SIZES[0] as number, to: n, growth: (of(n) ?? NaN) / (base ?? NaN) - 1 })),
    };
  });
  const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
  const md = [
    `# Plan memory (synthetic listing, JSONL journal with fsync, fresh process each, median of ${ROUNDS} rounds)`,
    '',
    '| heap | keys | peak RSS, VmHWM (MiB) | per round | peak JS heap in use, garbage included (MiB) | seconds |',
    '|---|---:|---:|---|---:|---:|',
    ...summary.map(
      (s) =>
        `| ${s.heap}${s.nodeFlags ? ` (\`${s.nodeFlags}\`)` : ''} | ${s.objects} | ${s.medianMaxRssMiB.toFixed(1)} | ${s.maxRssMiBByRound.map((x) => x.toFixed(1)).join(', ')} | ${s.medianPeakHeapUsedMiB.toFixed(1)} | ${s.medianSeconds.toFixed(1)} |`,
    ),
    '',
    '| keys | largest live heap while planning, after a full GC every 10,000 keys (MiB) |',
    '|---:|---:|',
    ...liveHeap.map((l) => `| ${l.objects} | ${l.maxLiveHeapMiB.toFixed(1)} |`),
    '',
    `| heap | peak RSS growth | target (20k -> 200k) |`,
    '|---|---|---|',
    ...growth.map((g) => {
      const first = g.steps[0];
      const verdict = first === undefined || Number.isNaN(first.growth) ? 'n/a' : first.growth <= TARGET_GROWTH ? 'met' : 'missed';
      return `| ${g.heap} | ${g.steps.map((s) => `${s.from} -> ${s.to}: ${pct(s.growth)}`).join('; ')} | within ${TARGET_GROWTH * 100}%: ${verdict} |`;
    }),
    '',
  ].join('\n');
  writeBenchResult(OUT, { rounds: ROUNDS, targetGrowth: TARGET_GROWTH, summary, growth, liveHeap, samples: rows }, md);
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e instanceof Error ? e.stack : e)}\n`);
  process.exit(1);
});
