// A journal in memory, enough for a plan: what the plan wrote, in the order it wrote it.
import type { JournalHeader, JournalRecord, MigrationJournal, PlannedEntry, RecordStep } from '../ports/MigrationJournal';

export interface MemoryJournal extends MigrationJournal {
  readonly planned: readonly PlannedEntry[];
  readonly steps: readonly RecordStep[];
}

export function memoryJournal(): MemoryJournal {
  let header: JournalHeader | undefined;
  const planned: PlannedEntry[] = [];
  const steps: RecordStep[] = [];
  const notUsed = (): never => {
    throw new Error('a plan does not call this');
  };
  return {
    location: 'memory',
    planned,
    steps,
    create: async (h) => void (header = h),
    header: async () => header ?? notUsed(),
    plan: async (entries) => {
      planned.push(...entries);
      return entries.map((_, i) => String(planned.length - entries.length + i));
    },
    record: async (s) => {
      steps.push(...s);
      return { rejected: [] };
    },
    async *records(): AsyncIterable<JournalRecord> {
      for (const [i, e] of planned.entries()) yield { ...e, id: String(i), status: 'planned', attempts: 0, targetCreated: false, sourceDeleted: false };
    },
    find: notUsed,
    recordReferenceChanges: notUsed,
    referenceChanges: notUsed,
    readReport: () => ({ tornLines: 0 }),
    close: async () => undefined,
  };
}
