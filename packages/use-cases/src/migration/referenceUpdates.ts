// Conditional reference rewrites with the journal written first, shared by cut-over and rollback.
import type { MigrationJournal } from '../ports/MigrationJournal';
import type { BoundReference } from './referenceIndex';

export interface BoundReferenceUpdate extends BoundReference {
  readonly newUri: string;
}

export async function applyReferenceUpdates(
  journal: MigrationJournal,
  updates: readonly BoundReferenceUpdate[],
  direction: 'cutover' | 'restore',
): Promise<{ updated: number; mismatched: number }> {
  let updated = 0;
  let mismatched = 0;
  for (let i = 0; i < updates.length; i += 100) {
    const chunk = updates.slice(i, i + 100);
    await journal.recordReferenceChanges(
      chunk.map((u) => ({
        store: u.store.name,
        recordId: u.ref.recordId,
        attribute: u.ref.attribute,
        oldUri: u.ref.uri,
        newUri: u.newUri,
        direction,
      })),
    );
    const outcomes = await Promise.all(chunk.map((u) => u.store.replace(u.ref.recordId, u.ref.attribute, u.ref.uri, u.newUri)));
    for (const o of outcomes) {
      if (o === 'replaced') updated += 1;
      else mismatched += 1;
    }
  }
  return { updated, mismatched };
}

