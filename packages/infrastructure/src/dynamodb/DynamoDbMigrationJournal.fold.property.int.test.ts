// The DynamoDB journal's conditional updates, derived from the domain's transitions, keep a record
// exactly as the domain's fold does: random lives of one record (copies announced twice, failures,
// retries, collisions, rollbacks) sent step by step to the local DynamoDB end where the fold ends,
// and every stale step (a `from` the record no longer has) is refused there too.
import { MigrationRecord } from '@edgecv/domain';
import { createDynamoClients, dynamoConfigFromEnv, DynamoDbMigrationJournal, ensureTables, tableNames } from '@edgecv/infrastructure/dynamodb';
import { uniqueName } from '@edgecv/test-harness';
import fc from 'fast-check';
import { PLANNED_MOVE, recordLifeArb, stateOf } from '../journal/migrationSteps.fixture';

const { client, documents } = createDynamoClients(dynamoConfigFromEnv(process.env));
const names = tableNames(`${uniqueName('dfold')}-`);

beforeAll(async () => {
  await ensureTables(client, names, ['migrationJournal']);
});
afterAll(() => client.destroy());

describe('DynamoDbMigrationJournal updates', () => {
  it('keep every life of a record as the domain folds it, step by step', async () => {
    await fc.assert(
      fc.asyncProperty(recordLifeArb(16), async ({ steps, records }) => {
        // A claim lease of 0: each generated copy-started comes later than the last, as a new
        // worker's after a crash, so claims never stand between the journal and the fold here.
        const journal = new DynamoDbMigrationJournal(documents, names.migrationJournal, uniqueName('life'), { claimLeaseMs: 0 });
        await journal.create({ journalId: 'x', bucket: 'b', prefix: '', rulesHash: 'h', versioned: true, createdAt: '2026-01-01T00:00:00.000Z' });
        const [id] = (await journal.plan([PLANNED_MOVE])) as [string];
        for (const [n, step] of steps.entries()) {
          const { rejected } = await journal.record([{ id, from: step.from, event: step.event }]);
          expect({ n, step, rejected: rejected.length }).toEqual({ n, step, rejected: step.expect === 'rejected' ? 1 : 0 });
          expect({ n, state: stateOf((await journal.find(PLANNED_MOVE.oldKey)) as MigrationRecord) }).toEqual({ n, state: stateOf(records[n] as MigrationRecord) });
        }
        const stored = await journal.find(PLANNED_MOVE.oldKey);
        expect(stateOf(stored as MigrationRecord)).toEqual(stateOf(records.at(-1) ?? MigrationRecord.planned(id, PLANNED_MOVE)));
        expect(stored).toMatchObject(PLANNED_MOVE);
      }),
      { numRuns: 100 },
    );
  }, 300_000);
});
