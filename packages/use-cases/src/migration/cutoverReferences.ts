// Cut-over: point every reference at the new key, each with a conditional write that only
// succeeds while the reference still holds the old URI. A reference is journaled before it is
// written (write-ahead), so rollback can restore every one that may have changed.
import type { PathResolver } from '@edgecv/domain';
import type { ArtifactReferenceStore } from '../ports/ArtifactReferenceStore';
import type { JournalRecord, MigrationJournal, RecordStep } from '../ports/MigrationJournal';
import { applyReferenceUpdates, type BoundReferenceUpdate } from './referenceUpdates';
import { ReferenceIndex } from './referenceIndex';
import { joinS3Uri } from './s3UriParts';
import type { PlannedChange } from './PlannedChange';

export interface CutoverInput {
  readonly journal: MigrationJournal;
  /** List the references that would be rewritten; write nothing, not even to the journal. */
  readonly dryRun?: boolean;
}

export interface CutoverDeps {
  readonly referenceStores: readonly ArtifactReferenceStore[];
  readonly resolver: PathResolver;
}

export interface CutoverSummary {
  readonly journal: string;
  readonly references: number;
  readonly updated: number;
  /** The reference no longer held the old URI (changed meanwhile, or already cut over). */
  readonly mismatched: number;
  /** References to objects not yet verified: left on the old key, served by the PathResolver. */
  readonly waiting: number;
  readonly recordsReferenced: number;
  readonly dryRun: boolean;
  /** A dry run: the rewrites a cut-over would make now (nothing was written). */
  readonly changes?: readonly PlannedChange[];
}

const MOVED: ReadonlySet<JournalRecord['status']> = new Set(['verified', 'referenced', 'source-deleted']);
/** A file name no rule rewrites, to learn where a whole folder moves. */
const PROBE = 'edgecv-folder-probe';

export async function cutoverReferences(input: CutoverInput, deps: CutoverDeps): Promise<CutoverSummary> {
  const { journal } = input;
  const header = await journal.header();
  const dryRun = input.dryRun === true;
  // A dry run only reads: it takes no lock, so it can look at a journal another phase holds.
  if (!dryRun) await journal.acquire('exclusive');
  const refs = await ReferenceIndex.load(header.bucket, deps.referenceStores);
  const updates: BoundReferenceUpdate[] = [];
  const blockedFolders = new Set<string>();
  const seenFolders = new Set<string>();
  let waiting = 0;

  for await (const r of journal.records()) {
    for (const bound of refs.exact.get(r.oldKey) ?? []) {
      if (MOVED.has(r.status)) updates.push({ ...bound, newUri: joinS3Uri(header.bucket, r.newKey) });
      else waiting += 1;
    }
    for (const folder of refs.foldersContaining(r.oldKey)) {
      seenFolders.add(folder);
      if (!MOVED.has(r.status) && r.status !== 'rolled-back') blockedFolders.add(folder);
    }
  }
  for (const folder of seenFolders) {
    const refsHere = refs.folders.get(folder) ?? [];
    const target = blockedFolders.has(folder) ? undefined : newFolderOf(deps.resolver, folder);
    if (target === undefined) {
      waiting += refsHere.length;
      continue;
    }
    for (const bound of refsHere) updates.push({ ...bound, newUri: joinS3Uri(header.bucket, target) });
  }

  if (dryRun) {
    const changes = updates.map(
      (u): PlannedChange => ({ kind: 'reference', store: u.store.name, recordId: u.ref.recordId, attribute: u.ref.attribute, from: u.ref.uri, to: u.newUri }),
    );
    return { journal: journal.location, references: refs.total, updated: 0, mismatched: 0, waiting, recordsReferenced: 0, dryRun, changes };
  }
  const { updated, mismatched } = await applyReferenceUpdates(journal, updates, 'cutover');

  // Records move to `referenced` unless a folder reference over them still points at the old layout.
  let recordsReferenced = 0;
  let steps: RecordStep[] = [];
  for await (const r of journal.records()) {
    if (r.status !== 'verified') continue;
    if (refs.foldersContaining(r.oldKey).some((f) => blockedFolders.has(f))) continue;
    steps.push({ id: r.id, from: 'verified', event: { type: 'referenced' } });
    if (steps.length >= 500) {
      recordsReferenced += steps.length - (await journal.record(steps)).rejected.length;
      steps = [];
    }
  }
  if (steps.length > 0) recordsReferenced += steps.length - (await journal.record(steps)).rejected.length;

  return { journal: journal.location, references: refs.total, updated, mismatched, waiting, recordsReferenced, dryRun };
}

/** Where a folder reference moves: the rules applied to a file inside it. */
export function newFolderOf(resolver: PathResolver, folder: string): string | undefined {
  const c = resolver.classify(folder + PROBE);
  if (c.status !== 'converted' || !c.output.endsWith(`/${PROBE}`)) return undefined;
  return c.output.slice(0, -PROBE.length);
}

