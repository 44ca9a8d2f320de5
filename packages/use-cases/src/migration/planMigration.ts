// Plan: stream the bucket's objects (a parallel listing unless another source is given, e.g. an
// S3 Inventory report), classify every key, and journal one record per legacy object as they stream. Collision candidates are found with fixed-size Bloom filters, then
// confirmed exactly in a second pass over the journal, so memory stays flat in the bucket's size.
import { COLLISION, type PathResolver } from '@edgecv/domain';
import type { ArtifactReferenceStore } from '../ports/ArtifactReferenceStore';
import type { Clock } from '../ports/Clock';
import type { JobRepository } from '../ports/JobRepository';
import type { BucketProtection, JournalRecord, MigrationJournal, PlannedEntry, RecordStep } from '../ports/MigrationJournal';
import type { ObjectSource } from '../ports/ObjectSource';
import type { ObjectStore } from '../ports/ObjectStore';
import { BloomFilter } from './BloomFilter';
import { isMultipartEtag } from './contentIdentity';
import { JobCreatedAtLookup } from './JobCreatedAtLookup';
import { classifyKey } from './KeyClassifier';
import { parallelListing } from './parallelListing';
import { splitS3Uri } from './s3UriParts';

export interface PlanMigrationInput {
  readonly bucket: string;
  readonly prefix?: string;
  readonly journal: MigrationJournal;
  /** Names the journal in a shared table; a random id when omitted. */
  readonly journalId?: string;
  /** The bucket's protection as the pre-flight found it: recorded in the journal's header and the summary. */
  readonly protection?: BucketProtection;
  readonly onProgress?: (p: { readonly listed: number; readonly planned: number }) => void;
}

export interface PlanMigrationDeps {
  readonly store: ObjectStore;
  /** Where the objects come from: a parallel listing of `store` when omitted. */
  readonly source?: ObjectSource;
  readonly resolver: PathResolver;
  readonly rulesHash: string;
  readonly clock: Clock;
  readonly jobs?: JobRepository;
  readonly referenceStores?: readonly ArtifactReferenceStore[];
  /** Size of each collision Bloom filter in bits (default 2^25: 4 MiB, ~1e-6 false candidates at 1M keys). */
  readonly bloomBits?: number;
  readonly lookupCacheSize?: number;
  readonly batchSize?: number;
}

export interface PlanSummary {
  readonly journal: string;
  readonly bucket: string;
  readonly prefix: string;
  readonly versioned: boolean;
  /** Object Lock, default encryption and region, when the caller checked them (the CLI always does). */
  readonly protection?: BucketProtection;
  readonly listed: number;
  readonly byStatus: Readonly<Record<'converted' | 'conforming' | 'unknown' | 'needs-lookup' | 'invalid' | 'transform', number>>;
  readonly byRule: Readonly<Record<string, number>>;
  readonly planned: number;
  readonly collisions: number;
  readonly jobLookups: number;
  readonly references: { readonly total: number; readonly toLegacyKeys: number; readonly toOtherBuckets: number };
  /** A few keys per problem, for the operator to look at. */
  readonly examples: Readonly<Record<'unknown' | 'needs-lookup' | 'invalid' | 'collision', readonly string[]>>;
}

const EXAMPLES = 10;

export async function planMigration(input: PlanMigrationInput, deps: PlanMigrationDeps): Promise<PlanSummary> {
  const prefix = input.prefix ?? '';
  const { bucket, journal } = input;
  const versioning = await deps.store.bucketVersioning(bucket);
  const versioned = versioning !== 'disabled';
  const source = deps.source ?? parallelListing(deps.store);
  const objects = source.currentObjects({ bucket, prefix, versioned })[Symbol.asyncIterator]();
  // The source's first answer comes before the journal exists: a source that refuses its input
  // (an inventory of another bucket) leaves nothing behind.
  let next = await objects.next();
  try {
    await journal.create({
      journalId: input.journalId ?? randomId(),
      bucket,
      prefix,
      rulesHash: deps.rulesHash,
      versioned,
      createdAt: deps.clock.now().toISOString(),
      ...(input.protection !== undefined ? { protection: input.protection } : {}),
    });
  } catch (error) {
    await objects.return?.();
    throw error;
  }

  const byStatus = { converted: 0, conforming: 0, unknown: 0, 'needs-lookup': 0, invalid: 0, transform: 0 };
  const byRule: Record<string, number> = {};
  const examples = { unknown: [] as string[], 'needs-lookup': [] as string[], invalid: [] as string[], collision: [] as string[] };
  const note = (kind: keyof typeof examples, key: string): void => {
    if (examples[kind].length < EXAMPLES) examples[kind].push(key);
  };
  const bits = deps.bloomBits ?? 2 ** 25;
  const targets = new BloomFilter(bits);
  const existing = new BloomFilter(bits);
  // Exact follow-up only for the few keys the filters flag.
  const candidates = new Set<string>();
  const jobs = new JobCreatedAtLookup(deps.jobs, deps.lookupCacheSize);
  const batchSize = deps.batchSize ?? 500;
  let batch: PlannedEntry[] = [];
  let listed = 0;
  let planned = 0;

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const entries = batch;
    batch = [];
    await journal.plan(entries);
    planned += entries.length;
    input.onProgress?.({ listed, planned });
  };

  try {
    for (; next.done !== true; next = await objects.next()) {
      const object = next.value;
      listed += 1;
      const c = await classifyKey(deps.resolver, object.key, jobs);
      switch (c.status) {
        case 'converted': {
          byRule[c.rule] = (byRule[c.rule] ?? 0) + 1;
          if (c.action !== 'copy') {
            byStatus.transform += 1;
            break;
          }
          byStatus.converted += 1;
          if (targets.add(c.output) || existing.mayContain(c.output)) candidates.add(c.output);
          batch.push({
            oldKey: object.key,
            newKey: c.output,
            rule: c.rule,
            artifactType: c.artifactType,
            ...(c.jobId !== undefined ? { jobId: c.jobId } : {}),
            size: object.size,
            etag: object.etag,
            ...(object.versionId !== undefined ? { versionId: object.versionId } : {}),
            ...(object.checksumSha256 !== undefined ? { checksumSha256: object.checksumSha256 } : {}),
          });
          if (batch.length >= batchSize) await flush();
          break;
        }
        case 'conforming':
          byStatus.conforming += 1;
          existing.add(object.key);
          if (targets.mayContain(object.key)) candidates.add(object.key);
          break;
        default:
          byStatus[c.status] += 1;
          note(c.status, object.key);
      }
    }
  } finally {
    // Stopped early by an error: let the source release what it holds (temporary files).
    if (next.done !== true) await objects.return?.();
  }
  await flush();

  const collisions = await confirmCollisions(bucket, journal, candidates, deps.store);
  for (const key of collisions.slice(0, EXAMPLES)) note('collision', key);
  const references = await countReferences(bucket, prefix, deps);
  return {
    journal: journal.location,
    bucket,
    prefix,
    versioned,
    ...(input.protection !== undefined ? { protection: input.protection } : {}),
    listed,
    byStatus,
    byRule,
    planned,
    collisions: collisions.length,
    jobLookups: jobs.lookups,
    references,
    examples,
  };
}

/**
 * Second pass: the records whose target the filters flagged. Two sources for one target are a
 * collision unless they are provably the same bytes; an existing target with another size or
 * another single-part MD5 is a collision now, anything subtler is settled by run's comparison.
 */
async function confirmCollisions(
  bucket: string,
  journal: MigrationJournal,
  candidates: ReadonlySet<string>,
  store: ObjectStore,
): Promise<string[]> {
  if (candidates.size === 0) return [];
  const byTarget = new Map<string, JournalRecord[]>();
  for await (const r of journal.records()) {
    if (!candidates.has(r.newKey)) continue;
    const list = byTarget.get(r.newKey) ?? [];
    list.push(r);
    byTarget.set(r.newKey, list);
  }
  const failed: RecordStep[] = [];
  const collided: string[] = [];
  for (const [target, records] of byTarget) {
    const first = records[0];
    if (first === undefined) continue;
    let clash = records.length > 1 && !records.every((r) => provablySame(r, first));
    let reason = `${records.length} legacy keys map to ${target}: ${records.map((r) => JSON.stringify(r.oldKey)).join(', ')}`;
    if (!clash) {
      const head = await store.head(bucket, target);
      if (head !== undefined && (head.size !== first.size || (!isMultipartEtag(head.etag) && !isMultipartEtag(first.etag) && head.etag !== first.etag))) {
        clash = true;
        reason = `${target} already exists with other content (${head.size} bytes, etag ${head.etag})`;
      }
    }
    if (!clash) continue;
    for (const r of records) {
      collided.push(r.oldKey);
      failed.push({ id: r.id, from: 'planned', event: { type: 'failed', code: COLLISION, message: reason } });
    }
  }
  if (failed.length > 0) await journal.record(failed);
  return collided;
}

function provablySame(a: JournalRecord, b: JournalRecord): boolean {
  return a.size === b.size && !isMultipartEtag(a.etag) && a.etag === b.etag;
}

async function countReferences(
  bucket: string,
  prefix: string,
  deps: PlanMigrationDeps,
): Promise<PlanSummary['references']> {
  let total = 0;
  let toLegacyKeys = 0;
  let toOtherBuckets = 0;
  for (const store of deps.referenceStores ?? []) {
    for await (const ref of store.list()) {
      total += 1;
      const parts = splitS3Uri(ref.uri);
      if (parts === undefined || parts.bucket !== bucket) {
        toOtherBuckets += 1;
        continue;
      }
      if (!parts.key.startsWith(prefix)) continue;
      if (deps.resolver.isLegacyPath(parts.key)) toLegacyKeys += 1;
    }
  }
  return { total, toLegacyKeys, toOtherBuckets };
}

function randomId(): string {
  return `mig-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
