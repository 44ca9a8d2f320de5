// Clean-up: delete the sources of cut-over records, in batches, only after verifyMigration
// passes. On versioned buckets a delete leaves a delete marker; its version id is journaled so
// rollback can remove exactly it.
import type { ArtifactReferenceStore } from '../ports/ArtifactReferenceStore';
import type { JournalRecord, MigrationJournal, RecordStep } from '../ports/MigrationJournal';
import type { ObjectStore } from '../ports/ObjectStore';
import { ValidationFailedError } from './MigrationErrors';
import { verifyMigration, type MigrationVerification } from './verifyMigration';
import type { PlannedChange } from './PlannedChange';

export interface CleanupInput {
  readonly journal: MigrationJournal;
  readonly batchSize?: number;
  /** Delete requests in flight at once (default 4). */
  readonly concurrency?: number;
  /** Validate and list the sources that would be deleted; delete nothing, write nothing to the journal. */
  readonly dryRun?: boolean;
}

export interface CleanupDeps {
  readonly store: ObjectStore;
  readonly referenceStores: readonly ArtifactReferenceStore[];
}

export interface CleanupSummary {
  readonly journal: string;
  readonly validation: MigrationVerification;
  readonly deleted: number;
  readonly deleteMarkers: number;
  readonly errors: readonly { readonly key: string; readonly code: string; readonly message: string }[];
  readonly dryRun: boolean;
  /** A dry run: the deletes a clean-up would make now (nothing was deleted). */
  readonly changes?: readonly PlannedChange[];
}

export async function cleanupSources(input: CleanupInput, deps: CleanupDeps): Promise<CleanupSummary> {
  const { journal } = input;
  const header = await journal.header();
  const dryRun = input.dryRun === true;
  // Held before validating, so no run or rollback changes what the validation saw (a dry run only reads).
  if (!dryRun) await journal.acquire('exclusive');
  const validation = await verifyMigration({ journal }, deps);
  if (!validation.ok) {
    const kinds = [...new Set(validation.examples.map((p) => p.kind))].join(', ');
    throw new ValidationFailedError(validation.problems, kinds);
  }
  if (dryRun) {
    const changes: PlannedChange[] = [];
    for await (const r of journal.records()) {
      if (r.status === 'referenced') changes.push({ kind: 'delete', bucket: header.bucket, key: r.oldKey, reason: `migrated to ${r.newKey}` });
    }
    return { journal: journal.location, validation, deleted: 0, deleteMarkers: 0, errors: [], dryRun, changes };
  }
  const size = Math.min(1000, input.batchSize ?? 1000);
  let deleted = 0;
  let deleteMarkers = 0;
  const errors: CleanupSummary['errors'][number][] = [];
  let batch: JournalRecord[] = [];

  const flush = async (records: readonly JournalRecord[]): Promise<void> => {
    // Deleting by key (not version): on a versioned bucket the source versions stay, hidden by a marker.
    const result = await deps.store.deleteMany(header.bucket, records.map((r) => ({ key: r.oldKey })));
    const byKey = new Map(records.map((r) => [r.oldKey, r]));
    const steps: RecordStep[] = [];
    for (const d of result.deleted) {
      const r = byKey.get(d.key);
      if (r === undefined) continue;
      byKey.delete(d.key);
      if (d.deleteMarkerVersionId !== undefined) deleteMarkers += 1;
      steps.push({
        id: r.id,
        from: 'referenced',
        event: { type: 'source-deleted', ...(d.deleteMarkerVersionId !== undefined ? { deleteMarkerVersionId: d.deleteMarkerVersionId } : {}) },
      });
    }
    for (const e of result.errors) errors.push({ key: e.key, code: e.code, message: e.message });
    await journal.record(steps);
    deleted += steps.length;
  };

  // A few batches in flight: one DeleteObjects of 1000 keys keeps a server busy for a while.
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const start = async (records: readonly JournalRecord[]): Promise<void> => {
    while (inFlight.size >= Math.max(1, input.concurrency ?? 4)) await Promise.race(inFlight);
    const p: Promise<void> = flush(records).then(
      () => void inFlight.delete(p),
      (e: unknown) => {
        inFlight.delete(p);
        failure ??= e;
      },
    );
    inFlight.add(p);
  };
  for await (const r of journal.records()) {
    if (failure !== undefined) break;
    if (r.status !== 'referenced') continue;
    batch.push(r);
    if (batch.length >= size) {
      await start(batch);
      batch = [];
    }
  }
  if (batch.length > 0 && failure === undefined) await start(batch);
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  return { journal: journal.location, validation, deleted, deleteMarkers, errors, dryRun };
}
