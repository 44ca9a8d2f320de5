// A record that failed with COLLISION forgets its copy attempt, in both journals and in the
// use cases' own fold: the target is not our copy (the server refused the write, or it holds
// other bytes), so a later retry or rollback must not take it for ours because it was written
// after the attempt began. Any other failure keeps the attempt: that copy may have landed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDynamoClients, dynamoConfigFromEnv, DynamoDbMigrationJournal, ensureTables, tableNames } from '@edgecv/infrastructure/dynamodb';
import { JsonlMigrationJournal } from '@edgecv/infrastructure/journal';
import { uniqueName } from '@edgecv/test-harness';
import { applyEvent, COLLISION, TRANSIENT, type JournalRecord, type MigrationJournal, type RecordEvent } from '@edgecv/use-cases';

const { client, documents } = createDynamoClients(dynamoConfigFromEnv(process.env));
const names = tableNames(`${uniqueName('fold')}-`);
const dir = mkdtempSync(join(tmpdir(), 'edgecv-fold-'));
const header = { journalId: 'fold', bucket: 'b', prefix: '', rulesHash: 'h', versioned: false, createdAt: '2026-01-01T00:00:00.000Z' };
const entry = { oldKey: 'training-output/j/a.bin', newKey: 'models/training/j/a.bin', rule: 'r', artifactType: 'training-output', size: 3, etag: 'e' };
const STARTED = '2026-01-01T00:00:01.000Z';

beforeAll(async () => {
  await ensureTables(client, names, ['migrationJournal']);
});
afterAll(() => client.destroy());

const journals: [string, () => MigrationJournal][] = [
  ['JSONL', () => new JsonlMigrationJournal(join(dir, `${uniqueName('j')}.jsonl`))],
  ['DynamoDB', () => new DynamoDbMigrationJournal(documents, names.migrationJournal, uniqueName('j'))],
];

async function afterFailure(journal: MigrationJournal, code: string, retry: boolean): Promise<JournalRecord> {
  await journal.create(header);
  const [id] = (await journal.plan([entry])) as [string];
  const steps: { from: JournalRecord['status']; event: RecordEvent }[] = [
    { from: 'planned', event: { type: 'copy-started', at: STARTED, worker: 'w1' } },
    { from: 'planned', event: { type: 'failed', code, message: 'x' } },
    ...(retry ? [{ from: 'failed' as const, event: { type: 'retry' as const } }] : []),
  ];
  for (const s of steps) await journal.record([{ id, ...s }]);
  for await (const r of journal.records()) return r;
  throw new Error('no record');
}

function folded(code: string, retry: boolean): JournalRecord {
  const planned: JournalRecord = { ...entry, id: '0', status: 'planned', attempts: 0, targetCreated: false, sourceDeleted: false };
  const events: RecordEvent[] = [{ type: 'copy-started', at: STARTED }, { type: 'failed', code, message: 'x' }, ...(retry ? [{ type: 'retry' as const }] : [])];
  return events.reduce(applyEvent, planned);
}

describe.each(journals)('the %s journal', (_name, open) => {
  it('drops the copy attempt of a record that failed with COLLISION, also once retried', async () => {
    const failed = await afterFailure(open(), COLLISION, false);
    expect(failed).toMatchObject({ status: 'failed', error: { code: COLLISION } });
    expect(failed.copyStartedAt).toBeUndefined();
    const retried = await afterFailure(open(), COLLISION, true);
    expect(retried).toMatchObject({ status: 'planned' });
    expect(retried.copyStartedAt).toBeUndefined();
  });

  it('keeps the copy attempt of a record that failed otherwise: that copy may have landed', async () => {
    const failed = await afterFailure(open(), TRANSIENT, true);
    expect(failed).toMatchObject({ status: 'planned', copyStartedAt: STARTED });
  });
});

describe('the use cases fold (applyEvent) agrees with the journals', () => {
  it('drops the attempt after COLLISION and keeps it after any other failure', () => {
    expect(folded(COLLISION, true).copyStartedAt).toBeUndefined();
    expect(folded(TRANSIENT, true).copyStartedAt).toBe(STARTED);
  });
});
