// edgecv's side of the benchmark: the four use cases the CLI runs (plan, run, cutover, cleanup)
// with the S3 adapter configured as the CLI configures it (s3ConfigFromEnv defaults for a local
// endpoint: no socket or retry overrides), journaling to a JSONL file with fsync.
import path from 'node:path';
import { DEFAULT_LEGACY_RULES, DEFAULT_PATH_CONFIG, PathResolver } from '@edgecv/domain';
import { JsonlMigrationJournal } from '@edgecv/infrastructure/journal';
import { S3ObjectStore, s3ConfigFromEnv } from '@edgecv/infrastructure/s3';
import { cleanupSources, cutoverReferences, planMigration, rulesHash, runMigration } from '@edgecv/use-cases';
import type { RunningMinio } from './resultsMinio';

export interface EdgecvPhases {
  readonly plan: number;
  readonly run: number;
  readonly cutover: number;
  readonly cleanup: number;
}

const resolver = new PathResolver(DEFAULT_PATH_CONFIG);
const clock = { now: () => new Date() };

export async function edgecvMove(
  m: Pick<RunningMinio, 'endpoint' | 'accessKeyId' | 'secretAccessKey'>,
  bucket: string,
  dir: string,
  n: number,
  concurrency: number,
  journalOptions: { readonly fsync?: boolean } = {},
): Promise<EdgecvPhases> {
  const store = new S3ObjectStore(
    s3ConfigFromEnv({ AWS_ENDPOINT_URL_S3: m.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: m.accessKeyId, AWS_SECRET_ACCESS_KEY: m.secretAccessKey }),
  );
  const journal = new JsonlMigrationJournal(path.join(dir, `${bucket}.jsonl`), journalOptions);
  const t0 = Date.now();
  await planMigration({ bucket, journal }, { store, resolver, rulesHash: rulesHash(DEFAULT_LEGACY_RULES), clock });
  const t1 = Date.now();
  const r = await runMigration({ journal, concurrency }, { store, clock });
  if (r.verified !== n) throw new Error(`edgecv verified ${r.verified} of ${n}`);
  const t2 = Date.now();
  await cutoverReferences({ journal }, { referenceStores: [], resolver });
  const t3 = Date.now();
  const c = await cleanupSources({ journal }, { store, referenceStores: [] });
  if (c.deleted !== n) throw new Error(`edgecv deleted ${c.deleted} of ${n}`);
  await journal.close();
  const t4 = Date.now();
  return { plan: (t1 - t0) / 1000, run: (t2 - t1) / 1000, cutover: (t3 - t2) / 1000, cleanup: (t4 - t3) / 1000 };
}
