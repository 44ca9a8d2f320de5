// Peak RSS of `plan` over a synthetic listing of N legacy keys (no server: the ObjectStore lists
// summaries as S3 would), journaling to a real JSONL file with fsync.
// The peak is this process's own VmHWM (reset by exec). getrusage's maxRSS is not its own: on
// Linux a child inherits its parent's peak across fork and exec, which the first bench reported.
// It also reports the peak of the JS heap in use (sampled, garbage included) and, when run with
// --expose-gc, the largest live heap after a full GC taken every 10,000 keys while the plan runs:
// what the plan retains, as opposed to garbage V8 has not collected yet. Those GCs change the RSS
// peak, so the RSS figures come from runs without --expose-gc.
// Usage: node [--expose-gc] [V8 heap flags] --import tsx src/migrationPlanRss.ts <objects>
//   (TSX_TSCONFIG_PATH=src/migration.tsconfig.json); src/migrationPlanMemory.bench.ts runs it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LEGACY_RULES, DEFAULT_PATH_CONFIG, PathResolver } from '@edgecv/domain';
import { JsonlMigrationJournal } from '@edgecv/infrastructure/journal';
import { planMigration, rulesHash, type ObjectStore } from '@edgecv/use-cases';
import { syntheticListing } from '@edgecv/test-harness';

const n = Number(process.argv[2] ?? '20000');
const MiB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
let liveHeap = 0;
const unused = (): never => {
  throw new Error('not used by plan');
};

const store: ObjectStore = {
  // Listed as S3 lists (prefix, start-after, pages), in parallel ranges as the plan lists by default.
  ...syntheticListing(n, undefined, (_key, i) => {
    if (gc !== undefined && i % 10_000 === 9_999) {
      gc();
      liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
    }
  }),
  bucketVersioning: async () => 'disabled',
  head: async () => undefined,
  getStream: unused,
  putStream: unused,
  putIfAbsent: unused,
  copy: unused,
  deleteMany: unused,
  presignGet: unused,
  presignPut: unused,
  listMultipartUploads: unused,
  abortMultipart: unused,
};

async function main(): Promise<void> {
  let peakHeapUsed = 0;
  const sampler = setInterval(() => {
    peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed);
  }, 10);
  const dir = mkdtempSync(join(tmpdir(), 'edgecv-plan-rss-'));
  const journal = new JsonlMigrationJournal(join(dir, 'plan.jsonl'));
  const started = Date.now();
  const summary = await planMigration(
    { bucket: 'bench', journal },
    { store, resolver: new PathResolver(DEFAULT_PATH_CONFIG), rulesHash: rulesHash(DEFAULT_LEGACY_RULES), clock: { now: () => new Date() } },
  );
  await journal.close();
  rmSync(dir, { recursive: true, force: true });
  clearInterval(sampler);
  const liveHeapMiB = gc !== undefined ? liveHeap / MiB : undefined;
  const hwmKiB = Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN);
  process.stdout.write(
    `${JSON.stringify({
      objects: n,
      planned: summary.planned,
      seconds: (Date.now() - started) / 1000,
      maxRssMiB: hwmKiB / 1024,
      getrusageMaxRssMiB: process.resourceUsage().maxRSS / 1024,
      peakHeapUsedMiB: peakHeapUsed / MiB,
      ...(liveHeapMiB !== undefined ? { liveHeapMiB } : {}),
      nodeFlags: process.execArgv.filter((a) => a.startsWith('--max-')).join(' '),
    })}\n`,
  );
}

void main();
