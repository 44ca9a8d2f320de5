// A DynamoDB journal is held by leases: run workers share it, cut-over, clean-up and rollback hold
// it alone, a holder that stopped renewing loses it, and close() gives it back.
import { createDynamoClients, dynamoConfigFromEnv, DynamoDbMigrationJournal, ensureTables, tableNames } from '@edgecv/infrastructure/dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { uniqueName } from '@edgecv/test-harness';
import { JournalLockedError } from '@edgecv/use-cases';

const { client, documents } = createDynamoClients(dynamoConfigFromEnv(process.env));
const names = tableNames(`${uniqueName('lease')}-`);

beforeAll(async () => {
  await ensureTables(client, names, ['migrationJournal']);
});
afterAll(() => client.destroy());

const open = (id: string, holder: string, holdLeaseMs = 60_000) => new DynamoDbMigrationJournal(documents, names.migrationJournal, id, { holder, holdLeaseMs });

describe('DynamoDbMigrationJournal leases', () => {
  it('lets run workers share the journal and keeps an exclusive holder out while they hold it, and the reverse', async () => {
    const id = uniqueName('j');
    const [a, b, c] = [open(id, 'worker-a'), open(id, 'worker-b'), open(id, 'rollback-c')];
    await a.acquire('shared');
    await b.acquire('shared');
    await expect(c.acquire('exclusive')).rejects.toBeInstanceOf(JournalLockedError);
    await expect(c.acquire('exclusive')).rejects.toThrow(/worker-[ab] \(shared access/);
    await a.close();
    await expect(c.acquire('exclusive')).rejects.toBeInstanceOf(JournalLockedError);
    await b.close();
    await c.acquire('exclusive');
    await expect(open(id, 'worker-d').acquire('shared')).rejects.toThrow(/rollback-c \(exclusive access/);
    await expect(open(id, 'cutover-e').acquire('exclusive')).rejects.toBeInstanceOf(JournalLockedError);
    await c.close();
    const d = open(id, 'worker-d');
    await d.acquire('shared');
    await d.close();
  });

  it('upgrades a shared hold to exclusive when nobody else holds the journal, and keeps the shared one when somebody does', async () => {
    const id = uniqueName('j');
    const [a, b] = [open(id, 'a'), open(id, 'b')];
    await a.acquire('shared');
    await b.acquire('shared');
    await expect(a.acquire('exclusive')).rejects.toBeInstanceOf(JournalLockedError);
    await expect(open(id, 'x').acquire('exclusive')).rejects.toThrow(/\ba \(shared access|\bb \(shared access/);
    await b.close();
    await a.acquire('exclusive');
    await expect(b.acquire('shared')).rejects.toThrow(/\ba \(exclusive access/);
    await a.close();
  });

  it('is not kept from the journal by the lapsed lease of a worker that died', async () => {
    const id = uniqueName('j');
    // What a killed worker leaves behind: its lease item, no longer renewed.
    await documents.send(
      new PutCommand({ TableName: names.migrationJournal, Item: { planId: `${id}#leases`, oldKey: 'dead', holder: 'dead', access: 'exclusive', until: Date.now() - 1 } }),
    );
    const next = open(id, 'next');
    await next.acquire('exclusive');
    await expect(open(id, 'other').acquire('shared')).rejects.toThrow(/next \(exclusive access/);
    await next.close();
  });
});
