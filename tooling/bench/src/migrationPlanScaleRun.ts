// One plan of N synthetic legacy keys at a fixed latency per request, in a fresh process, for
// migrationPlanScale.bench.ts: the listing is the test harness's synthetic ListObjectsV2 (pages of
// at most 1,000 keys, start-after, common prefixes) and every request to it (a page, a common-prefix
// discovery, a GET of an inventory file) first waits `latencyMs`. The plan is the CLI's
// `migrate plan` use case with its object source: a parallel listing at a given
// --list-concurrency (1 is sequential), or an S3 Inventory report (`inventoryDir`, written by the
// bench: manifest.json and gzip CSV data files, served as GETs). Journal: a JSONL file with fsync.
// Prints {objects, planned, seconds, maxRssMiB, requests} as its last line.
// Usage: node --import tsx src/migrationPlanScaleRun.ts <objects> <listing|inventory> <listConcurrency> <latencyMs> [inventoryDir]
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_LEGACY_RULES, DEFAULT_PATH_CONFIG, PathResolver } from '@edgecv/domain';
import { JsonlMigrationJournal } from '@edgecv/infrastructure/journal';
import { S3InventorySource } from '@edgecv/infrastructure/s3';
import { parallelListing, planMigration, rulesHash, type ObjectStore, type ObjectSummary } from '@edgecv/use-cases';
import { syntheticListing } from '@edgecv/test-harness';

const [n, mode, listConcurrency, latencyMs, inventoryDir] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4]), Number(process.argv[5]), process.argv[6]];
const PAGE = 1000;
const requests: Record<string, number> = {};
const request = async (op: string): Promise<void> => {
  requests[op] = (requests[op] ?? 0) + 1;
  if (latencyMs > 0) await sleep(latencyMs);
};
const unused = (): never => {
  throw new Error('not used by plan');
};

const synthetic = syntheticListing(n);
const store: ObjectStore = {
  // A request per page: the wait comes before each page's first key, as the page's round trip.
  async *list(bucket, prefix, options = {}) {
    const pageSize = Math.min(options.pageSize ?? PAGE, PAGE);
    let inPage = 0;
    await request('ListObjectsV2');
    for await (const o of synthetic.list(bucket, prefix, options) as AsyncIterable<ObjectSummary>) {
      if (inPage === pageSize) {
        inPage = 0;
        await request('ListObjectsV2');
      }
      inPage += 1;
      yield o;
    }
  },
  async listCommonPrefixes(bucket, prefix, delimiter) {
    await request('ListObjectsV2 (delimiter)');
    return synthetic.listCommonPrefixes(bucket, prefix, delimiter);
  },
  bucketVersioning: async () => {
    await request('GetBucketVersioning');
    return 'disabled';
  },
  head: async () => {
    await request('HeadObject');
    return undefined;
  },
  getStream: async (_bucket, key) => {
    await request('GetObject');
    if (inventoryDir === undefined) throw new Error('no inventory');
    return createReadStream(join(inventoryDir, key));
  },
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
  const dir = mkdtempSync(join(tmpdir(), 'edgecv-plan-scale-'));
  const journal = new JsonlMigrationJournal(join(dir, 'plan.jsonl'));
  const source = mode === 'inventory' ? new S3InventorySource(store, 's3://inventory/bench/manifest.json', { tempDir: dir }) : parallelListing(store, { concurrency: listConcurrency });
  const started = process.hrtime.bigint();
  const summary = await planMigration(
    { bucket: 'bench', journal },
    { store, source, resolver: new PathResolver(DEFAULT_PATH_CONFIG), rulesHash: rulesHash(DEFAULT_LEGACY_RULES), clock: { now: () => new Date() } },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await journal.close();
  rmSync(dir, { recursive: true, force: true });
  const hwmKiB = Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN);
  process.stdout.write(`${JSON.stringify({ objects: n, mode, listConcurrency, latencyMs, planned: summary.planned, seconds, maxRssMiB: hwmKiB / 1024, requests })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${String(e instanceof Error ? e.stack : e)}\n`);
  process.exit(1);
});
