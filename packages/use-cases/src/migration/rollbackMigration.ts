// Rollback from the journal, at any stage: references restored (conditionally, from the journaled
// cut-over changes), sources brought back (delete markers removed on versioned buckets, a copy
// back from the target otherwise), and only the objects the migration created removed, never
// before their source is back in place.
import { COLLISION, MigrationRecord } from '@edgecv/domain';
import type { ArtifactReferenceStore } from '../ports/ArtifactReferenceStore';
import type { JournalHeader, JournalRecord, MigrationJournal, RecordEvent, ReferenceChange } from '../ports/MigrationJournal';
import type { ObjectHead, ObjectStore } from '../ports/ObjectStore';
import { PreconditionFailedError } from '../ports/ObjectStoreErrors';
import { AdaptiveConcurrency, forEachAdaptive } from './AdaptiveConcurrency';
import { sameContent, type ContentFacts } from './contentIdentity';
import { provenanceSince, wasWrittenSince, writtenAfterPlan } from './copyProvenance';
import { abortStaleUploads } from './migrateRecord';
import type { PlannedChange } from './PlannedChange';

export interface RollbackInput {
  readonly journal: MigrationJournal;
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** List what a rollback would restore and remove; change nothing, write nothing to the journal. */
  readonly dryRun?: boolean;
}

export interface RollbackDeps {
  readonly store: ObjectStore;
  readonly referenceStores: readonly ArtifactReferenceStore[];
  readonly clockSkewMs?: number;
}

export interface RollbackSummary {
  readonly journal: string;
  readonly referencesRestored: number;
  /** Journaled cut-overs whose reference no longer held the new URI (already restored, or changed since). */
  readonly referencesMismatched: number;
  readonly sourcesRestored: number;
  readonly deleteMarkersRemoved: number;
  readonly targetsRemoved: number;
  readonly rolledBack: number;
  /** Records rollback could not finish; run it again once the cause is fixed. */
  readonly problems: readonly { readonly key: string; readonly detail: string }[];
  readonly dryRun: boolean;
  /** A dry run: the restores and removals a rollback would make now (nothing was changed). */
  readonly changes?: readonly PlannedChange[];
}

export async function rollbackMigration(input: RollbackInput, deps: RollbackDeps): Promise<RollbackSummary> {
  const { journal } = input;
  const header = await journal.header();
  const dryRun = input.dryRun === true;
  // Before anything is restored or removed: while a run (or anything else) holds the journal, a
  // rollback would undo copies the run goes on to journal as verified. A dry run only reads.
  if (!dryRun) await journal.acquire('exclusive');
  const since = provenanceSince(journal.readReport(), header.createdAt);
  const changes: PlannedChange[] = [];
  const refs = dryRun ? await plannedReferenceRestores(journal, changes) : await restoreReferences(journal, deps.referenceStores);
  const counts = { sourcesRestored: 0, deleteMarkersRemoved: 0, targetsRemoved: 0, rolledBack: 0 };
  const problems: { key: string; detail: string }[] = [];

  async function* pending(): AsyncIterable<JournalRecord> {
    for await (const r of journal.records()) if (r.status !== 'rolled-back') yield r;
  }
  const width = input.concurrency ?? 16;
  await forEachAdaptive(
    pending(),
    new AdaptiveConcurrency({ initial: width, max: width }),
    async (record) => {
      try {
        const recordDeps = { ...deps, ...(since !== undefined ? { provenanceSince: since } : {}) };
        if (dryRun) changes.push(...describeRollback(header, record, await planRecordRollback(header, record, recordDeps)));
        else await rollbackRecord(header, record, journal, recordDeps, counts);
      } catch (error) {
        problems.push({ key: record.oldKey, detail: error instanceof Error ? error.message : String(error) });
      }
    },
    input.signal,
  );
  return {
    journal: journal.location,
    referencesRestored: refs.restored,
    referencesMismatched: refs.mismatched,
    ...counts,
    problems,
    dryRun,
    ...(dryRun ? { changes } : {}),
  };
}

/** The cut-over rewrites still in force, by their latest journaled direction. */
async function referencesToRestore(journal: MigrationJournal): Promise<ReferenceChange[]> {
  const latest = new Map<string, ReferenceChange>();
  for await (const c of journal.referenceChanges()) latest.set(`${c.store}\u0000${c.recordId}\u0000${c.attribute}`, c);
  return [...latest.values()].filter((c) => c.direction === 'cutover');
}

/** A dry run's reference restores: listed, not written. */
async function plannedReferenceRestores(journal: MigrationJournal, changes: PlannedChange[]): Promise<{ restored: number; mismatched: number }> {
  for (const c of await referencesToRestore(journal)) {
    changes.push({ kind: 'reference', store: c.store, recordId: c.recordId, attribute: c.attribute, from: c.newUri, to: c.oldUri });
  }
  return { restored: 0, mismatched: 0 };
}

async function restoreReferences(
  journal: MigrationJournal,
  stores: readonly ArtifactReferenceStore[],
): Promise<{ restored: number; mismatched: number }> {
  const byName = new Map(stores.map((s) => [s.name, s]));
  let restored = 0;
  let mismatched = 0;
  // The latest journaled direction of each reference attribute decides whether it needs restoring.
  for (const c of await referencesToRestore(journal)) {
    const store = byName.get(c.store);
    if (store === undefined) throw new Error(`rollback needs the reference store ${JSON.stringify(c.store)}, which is not configured`);
    // Journaled before the write (write-ahead), so the restore is conditional on the new URI.
    await journal.recordReferenceChanges([{ ...c, oldUri: c.newUri, newUri: c.oldUri, direction: 'restore' }]);
    const outcome = await store.replace(c.recordId, c.attribute, c.newUri, c.oldUri);
    if (outcome === 'replaced') restored += 1;
    else mismatched += 1;
  }
  return { restored, mismatched };
}

/** What rolling one record back takes, decided from reads only (a dry run stops here). */
interface RecordRollback {
  /** How the source comes back, when it is gone: our delete markers removed, or copied back from the target. */
  readonly restoreSource?: { readonly how: 'delete-markers'; readonly markers: readonly { key: string; versionId: string }[] } | { readonly how: 'copy-back' };
  /** The journal says the source was deleted: a source-restored step is due. */
  readonly sourceStep: boolean;
  /** The migration's copy, to remove. */
  readonly removeTarget?: { readonly key: string; readonly versionId?: string };
  /** The journal says a target was created: a target-removed step is due. */
  readonly targetStep: boolean;
}

async function planRecordRollback(header: JournalHeader, r: JournalRecord, deps: RollbackDeps & { readonly provenanceSince?: string }): Promise<RecordRollback> {
  const { store } = deps;
  const bucket = header.bucket;
  // 1. The source first: nothing of the migration's is removed while it is the only copy.
  const current = await store.head(bucket, r.oldKey);
  const sourceGone = current === undefined && (r.sourceDeleted || r.status === 'referenced' || r.status === 'source-deleted');
  const restoreSource: RecordRollback['restoreSource'] = !sourceGone
    ? undefined
    : header.versioned
      ? { how: 'delete-markers', markers: await ourDeleteMarkers(store, bucket, r, header.createdAt, deps.clockSkewMs) }
      : { how: 'copy-back' };

  // 2. Then what the migration created (a target found after an interrupted copy counts when written after it began).
  // A collision is never ours however recent: the server refused our copy, or the target held other bytes.
  const target = await store.head(bucket, r.newKey, r.targetVersionId);
  const collided = r.status === 'failed' && r.error?.code === COLLISION;
  const ours =
    r.targetCreated ||
    (!collided && target !== undefined && r.copyStartedAt !== undefined && wasWrittenSince(target, r.copyStartedAt, deps.clockSkewMs)) ||
    (!collided && target !== undefined && (await provenOurs(store, bucket, r, target, deps.provenanceSince)));
  const versionId = header.versioned ? (r.targetVersionId ?? target?.versionId) : undefined;
  return {
    ...(restoreSource !== undefined ? { restoreSource } : {}),
    sourceStep: sourceGone || r.sourceDeleted === true,
    ...(ours && target !== undefined ? { removeTarget: { key: r.newKey, ...(versionId !== undefined ? { versionId } : {}) } } : {}),
    targetStep: (ours && target !== undefined) || r.targetCreated === true,
  };
}

/** A record's rollback as the changes a dry run lists. */
function describeRollback(header: JournalHeader, r: JournalRecord, plan: RecordRollback): PlannedChange[] {
  const bucket = header.bucket;
  const changes: PlannedChange[] = [];
  if (plan.restoreSource?.how === 'copy-back') changes.push({ kind: 'copy', bucket, from: r.newKey, to: r.oldKey, reason: 'restore the deleted source from its copy' });
  for (const m of plan.restoreSource?.how === 'delete-markers' ? plan.restoreSource.markers : []) {
    changes.push({ kind: 'delete', bucket, key: m.key, versionId: m.versionId, reason: "the clean-up's delete marker, which hides the source" });
  }
  if (plan.removeTarget) changes.push({ kind: 'delete', bucket, ...plan.removeTarget, reason: `the migration's copy of ${r.oldKey}` });
  return changes;
}

async function rollbackRecord(
  header: JournalHeader,
  record: JournalRecord,
  journal: MigrationJournal,
  deps: RollbackDeps & { readonly provenanceSince?: string },
  counts: { sourcesRestored: number; deleteMarkersRemoved: number; targetsRemoved: number; rolledBack: number },
): Promise<void> {
  const { store } = deps;
  const bucket = header.bucket;
  let r = record;
  const step = async (event: RecordEvent): Promise<void> => {
    const { rejected } = await journal.record([{ id: r.id, from: r.status, event }]);
    if (rejected.length > 0) throw new Error(`the journal refused ${event.type} for ${r.oldKey} (changed by another worker)`);
    r = MigrationRecord.apply(r, event);
  };
  if (r.copyStartedAt !== undefined) await abortStaleUploads(bucket, r.newKey, store);
  const plan = await planRecordRollback(header, r, deps);

  // 1. The source first: nothing of the migration's is removed while it is the only copy.
  if (plan.restoreSource !== undefined) {
    if (plan.restoreSource.how === 'delete-markers') {
      // Awaited before it is added: `counts.x += await ...` reads counts.x before the await, and
      // records roll back side by side, so one record's count would overwrite another's.
      const removed = await removeDeleteMarkers(store, bucket, r, plan.restoreSource.markers);
      counts.deleteMarkersRemoved += removed;
    } else await copyBack(store, bucket, r);
    if ((await store.head(bucket, r.oldKey)) === undefined) throw new Error(`could not restore s3://${bucket}/${r.oldKey}`);
    counts.sourcesRestored += 1;
  }
  if (plan.sourceStep) await step({ type: 'source-restored' });

  // 2. Then what the migration created.
  if (plan.removeTarget !== undefined) {
    const result = await store.deleteMany(bucket, [plan.removeTarget]);
    const error = result.errors[0];
    if (error !== undefined) throw new Error(`could not remove s3://${bucket}/${r.newKey}: ${error.code} ${error.message}`);
    counts.targetsRemoved += 1;
  }
  if (plan.targetStep) await step({ type: 'target-removed' });
  await step({ type: 'rolled-back' });
  counts.rolledBack += 1;
}

/** A damaged journal (provenanceSince set): the target holds the planned source's bytes and was written after the plan. */
async function provenOurs(store: ObjectStore, bucket: string, r: JournalRecord, target: ObjectHead, since: string | undefined): Promise<boolean> {
  if (since === undefined || !writtenAfterPlan(target, since)) return false;
  const source: ContentFacts = {
    key: r.oldKey,
    size: r.size,
    etag: r.etag,
    ...(r.versionId !== undefined ? { versionId: r.versionId } : {}),
    ...(r.checksumSha256 !== undefined ? { checksumSha256: r.checksumSha256 } : {}),
  };
  return (await sameContent(store, bucket, source, target)).same;
}

/** Delete markers on the source key that appeared since the plan: clean-up's, not the history's. */
async function ourDeleteMarkers(store: ObjectStore, bucket: string, r: JournalRecord, plannedAt: string, skewMs = 60_000): Promise<{ key: string; versionId: string }[]> {
  const markers: { key: string; versionId: string }[] = [];
  for await (const v of store.list(bucket, r.oldKey, { versions: true })) {
    if (v.key !== r.oldKey || v.isDeleteMarker !== true || v.versionId === undefined) continue;
    if (v.versionId === r.deleteMarkerVersionId || wasWrittenSince(v, plannedAt, skewMs)) markers.push({ key: v.key, versionId: v.versionId });
  }
  return markers;
}

async function removeDeleteMarkers(store: ObjectStore, bucket: string, r: JournalRecord, markers: readonly { key: string; versionId: string }[]): Promise<number> {
  if (markers.length === 0) return 0;
  const result = await store.deleteMany(bucket, markers);
  const error = result.errors[0];
  if (error !== undefined) throw new Error(`could not remove delete marker on s3://${bucket}/${r.oldKey}: ${error.code} ${error.message}`);
  return markers.length;
}

/** Unversioned buckets: the copy is the only place the bytes still live; copy them back and check. */
async function copyBack(store: ObjectStore, bucket: string, r: JournalRecord): Promise<void> {
  const target = await store.head(bucket, r.newKey, r.targetVersionId);
  if (target === undefined) throw new Error(`s3://${bucket}/${r.oldKey} is gone and so is its copy ${r.newKey}`);
  try {
    await store.copy({ bucket, key: r.newKey, ...(r.targetVersionId ? { versionId: r.targetVersionId } : {}) }, { bucket, key: r.oldKey }, { ifAbsent: true });
  } catch (error) {
    if (!(error instanceof PreconditionFailedError)) throw error;
  }
  const back = await store.head(bucket, r.oldKey);
  const facts: ContentFacts = { key: r.newKey, size: target.size, etag: target.etag, ...(target.versionId ? { versionId: target.versionId } : {}) };
  if (back === undefined || !(await sameContent(store, bucket, facts, back)).same) {
    throw new Error(`restored s3://${bucket}/${r.oldKey} does not match its copy`);
  }
}
