// A journal that "dies" after a set number of writes: every later write throws, as if the process
// had been killed between an S3 call and the journal entry that would have recorded it.
import type { MigrationJournal } from '@edgecv/use-cases';

export class SimulatedCrash extends Error {
  readonly code = 'SIMULATED_CRASH';
}

export function crashAfter(journal: MigrationJournal, writes: number): MigrationJournal {
  let left = writes;
  const guard = (): void => {
    if (left <= 0) throw new SimulatedCrash('process killed');
    left -= 1;
  };
  return {
    location: journal.location,
    acquire: (a) => journal.acquire(a),
    create: (h) => journal.create(h),
    header: () => journal.header(),
    plan: async (e) => {
      guard();
      return journal.plan(e);
    },
    record: async (s) => {
      guard();
      return journal.record(s);
    },
    records: () => journal.records(),
    find: (k) => journal.find(k),
    recordReferenceChanges: async (c) => {
      guard();
      return journal.recordReferenceChanges(c);
    },
    referenceChanges: () => journal.referenceChanges(),
    readReport: () => journal.readReport(),
    close: () => journal.close(),
  };
}
