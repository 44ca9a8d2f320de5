// The in-memory journal, also keeping what a plan wrote in the order it wrote it.
import type { PlannedEntry, RecordStep } from '../ports/MigrationJournal';
import { InMemoryMigrationJournal } from './InMemoryMigrationJournal';

export class MemoryJournal extends InMemoryMigrationJournal {
  readonly planned: PlannedEntry[] = [];
  readonly steps: RecordStep[] = [];

  override async plan(entries: readonly PlannedEntry[]): Promise<readonly string[]> {
    this.planned.push(...entries);
    return super.plan(entries);
  }

  override async record(steps: readonly RecordStep[]): Promise<{ readonly rejected: readonly RecordStep[] }> {
    this.steps.push(...steps);
    return super.record(steps);
  }
}

export function memoryJournal(): MemoryJournal {
  return new MemoryJournal(undefined, { location: 'memory' });
}
