// The migration's own validation, the gate before clean-up: every moved record's copy is there
// with its size and bytes, every record is cut over, and no reference still names a source that
// clean-up would delete. Failed records are reported but keep their sources, so they do not block.
import type { ArtifactReferenceStore } from '../ports/ArtifactReferenceStore';
import type { JournalRecord, MigrationJournal } from '../ports/MigrationJournal';
import type { ObjectStore, ObjectSummary } from '../ports/ObjectStore';
import { AdaptiveConcurrency, forEachAdaptive } from './AdaptiveConcurrency';
import { ReferenceIndex } from './referenceIndex';
import { scanKeyRange } from './scanKeyRange';

export type MigrationProblemKind = 'copy-missing' | 'copy-differs' | 'not-cut-over' | 'reference-to-source' | 'not-copied';

export interface MigrationProblem {
  readonly kind: MigrationProblemKind;
  readonly key: string;
  readonly detail: string;
}

export interface MigrationVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly problems: number;
  /** The first problems found (at most `maxExamples`). */
  readonly examples: readonly MigrationProblem[];
  readonly failedRecords: number;
}

export interface VerifyMigrationDeps {
  readonly store: ObjectStore;
  readonly referenceStores: readonly ArtifactReferenceStore[];
  readonly concurrency?: number;
  readonly maxExamples?: number;
  /** Copies confirmed together by one listing of their key range (default 1000). */
  readonly scanBatchSize?: number;
}

export async function verifyMigration(input: { journal: MigrationJournal }, deps: VerifyMigrationDeps): Promise<MigrationVerification> {
  const { journal } = input;
  const header = await journal.header();
  const refs = await ReferenceIndex.load(header.bucket, deps.referenceStores);
  const byStatus: Record<string, number> = {};
  const examples: MigrationProblem[] = [];
  let problems = 0;
  let checked = 0;
  let failedRecords = 0;
  const problem = (p: MigrationProblem): void => {
    problems += 1;
    if (examples.length < (deps.maxExamples ?? 50)) examples.push(p);
  };

  async function* toCheck(): AsyncIterable<JournalRecord> {
    for await (const r of journal.records()) {
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      if (r.status === 'failed') failedRecords += 1;
      if (r.status === 'planned' || r.status === 'copied') {
        problem({ kind: 'not-copied', key: r.oldKey, detail: `status ${r.status}: run has not finished` });
        continue;
      }
      if (r.status === 'verified') problem({ kind: 'not-cut-over', key: r.oldKey, detail: 'verified but not cut over' });
      if (r.status === 'verified' || r.status === 'referenced' || r.status === 'source-deleted') {
        for (const bound of refs.exact.get(r.oldKey) ?? []) {
          problem({ kind: 'reference-to-source', key: r.oldKey, detail: `${bound.store.name} ${bound.ref.recordId} ${bound.ref.attribute} still holds ${bound.ref.uri}` });
        }
        for (const folder of refs.foldersContaining(r.oldKey)) {
          for (const bound of refs.folders.get(folder) ?? []) {
            problem({ kind: 'reference-to-source', key: r.oldKey, detail: `${bound.store.name} ${bound.ref.recordId} ${bound.ref.attribute} still holds ${bound.ref.uri}` });
          }
        }
        yield r;
      }
    }
  }

  // Copies are confirmed by listing each batch's key range (size, and version on versioned
  // buckets); only what the listing does not confirm is looked up with a HEAD, which decides.
  const width = deps.concurrency ?? 32;
  const check = (r: JournalRecord, head: { size: number } | undefined): void => {
    if (head === undefined) problem({ kind: 'copy-missing', key: r.newKey, detail: `copy of ${r.oldKey} is missing` });
    else if (head.size !== r.size) problem({ kind: 'copy-differs', key: r.newKey, detail: `${head.size} bytes, source had ${r.size}` });
  };
  const headCheck = async (r: JournalRecord): Promise<void> => check(r, await deps.store.head(header.bucket, r.newKey, r.targetVersionId));
  const checkBatch = async (batch: readonly JournalRecord[]): Promise<void> => {
    checked += batch.length;
    const { resolved } = await scanKeyRange(deps.store, header.bucket, batch.map((r) => r.newKey), { versions: header.versioned });
    const unconfirmed: JournalRecord[] = [];
    for (const r of batch) {
      const listed = resolved.get(r.newKey)?.find((o) => isTheCopy(o, r, header.versioned));
      if (listed !== undefined && listed.size === r.size) continue;
      unconfirmed.push(r);
    }
    await forEachAdaptive(iterate(unconfirmed), new AdaptiveConcurrency({ initial: width, max: width }), headCheck);
  };
  const size = deps.scanBatchSize ?? 1000;
  let batch: JournalRecord[] = [];
  for await (const r of toCheck()) {
    batch.push(r);
    if (batch.length >= size) {
      await checkBatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await checkBatch(batch);
  return { ok: problems === 0, checked, byStatus, problems, examples, failedRecords };
}

/** The listed entry is the record's copy: its pinned version, or the current object. */
function isTheCopy(o: ObjectSummary, r: JournalRecord, versioned: boolean): boolean {
  if (o.isDeleteMarker === true) return false;
  if (r.targetVersionId !== undefined) return o.versionId === r.targetVersionId;
  return !versioned || o.isLatest === true;
}

async function* iterate<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}
