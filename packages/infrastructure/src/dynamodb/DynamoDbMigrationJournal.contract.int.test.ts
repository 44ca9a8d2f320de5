import { createDynamoClients, dynamoConfigFromEnv, DynamoDbMigrationJournal, ensureTables, tableNames } from '@edgecv/infrastructure/dynamodb';
import { uniqueName } from '@edgecv/test-harness';
import { describeJournalContract } from '../journal/MigrationJournal.contract.fixture';

const { client, documents } = createDynamoClients(dynamoConfigFromEnv(process.env));
const names = tableNames(`${uniqueName('contract')}-`);

beforeAll(async () => {
  await ensureTables(client, names, ['migrationJournal']);
});
afterAll(() => client.destroy());

describeJournalContract('DynamoDB table', {
  shared: true,
  open: async () => {
    const id = uniqueName('journal');
    return {
      journal: new DynamoDbMigrationJournal(documents, names.migrationJournal, id),
      another: () => new DynamoDbMigrationJournal(documents, names.migrationJournal, id),
    };
  },
});
