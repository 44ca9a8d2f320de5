// Child process of planMigration.memory.test.ts: plans N synthetic legacy keys (listed like S3
// lists them, in parallel ranges as the plan does by default, no server) into a real JSONL
// journal, under whatever heap limits the parent gives it.
// RETAIN_PER_KEY=1 makes the listing keep every key it yields: the control that shows the heap
// limit bites a plan whose memory grows with the bucket.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LEGACY_RULES, DEFAULT_PATH_CONFIG, PathResolver } from '@edgecv/domain';
import { planMigration, rulesHash, type ObjectStore } from '@edgecv/use-cases';
import { JsonlMigrationJournal } from '@edgecv/infrastructure/journal';
// The listing helper alone: the harness's index also loads playwright and the TypeScript compiler,
// more than this child's bounded heap holds before it plans a single key.
import { syntheticListing } from '../../../../tooling/test-harness/src/syntheticListing';

const n = Number(process.env.PLAN_KEYS ?? '200000');
const retained: string[] = [];
const notUsed = (): never => {
  throw new Error('plan does not call this');
};

const store: ObjectStore = {
  ...syntheticListing(n, undefined, process.env.RETAIN_PER_KEY === '1' ? (key, i) => retained.push(`${key}#${i}`) : undefined),
  bucketVersioning: async () => 'disabled',
  head: async () => undefined,
  getStream: notUsed,
  putStream: notUsed,
  putIfAbsent: notUsed,
  copy: notUsed,
  deleteMany: notUsed,
  presignGet: notUsed,
  presignPut: notUsed,
  listMultipartUploads: notUsed,
  abortMultipart: notUsed,
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'edgecv-plan-memory-'));
  try {
    const journal = new JsonlMigrationJournal(join(dir, 'plan.jsonl'));
    const summary = await planMigration(
      { bucket: 'memory', journal },
      { store, resolver: new PathResolver(DEFAULT_PATH_CONFIG), rulesHash: rulesHash(DEFAULT_LEGACY_RULES), clock: { now: () => new Date() } },
    );
    await journal.close();
    process.stdout.write(`${JSON.stringify({ planned: summary.planned, retained: retained.length })}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
