// The in-memory journal the use cases' tests use keeps the same contract as the real ones.
import { InMemoryJournalStore, InMemoryMigrationJournal } from '@edgecv/use-cases';
import { describeJournalContract } from './MigrationJournal.contract.fixture';

describeJournalContract('in memory', {
  shared: true,
  open: async () => {
    const store = new InMemoryJournalStore();
    return { journal: new InMemoryMigrationJournal(store), another: () => new InMemoryMigrationJournal(store) };
  },
});
