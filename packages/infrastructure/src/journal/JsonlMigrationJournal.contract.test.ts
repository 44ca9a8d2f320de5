import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlMigrationJournal } from './JsonlMigrationJournal';
import { describeJournalContract } from './MigrationJournal.contract.fixture';

const dir = mkdtempSync(join(tmpdir(), 'edgecv-contract-'));
let n = 0;

describeJournalContract('JSONL file', {
  shared: false,
  open: async () => {
    const path = join(dir, `journal-${++n}.jsonl`);
    return {
      journal: new JsonlMigrationJournal(path),
      another: () => new JsonlMigrationJournal(path),
      tearLastLine: async () => {
        const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
        const last = lines.pop() as string;
        writeFileSync(path, `${lines.join('\n')}\n${last.slice(0, Math.floor(last.length / 2))}`);
      },
    };
  },
});
