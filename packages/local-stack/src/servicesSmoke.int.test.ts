// The DynamoDB and MongoDB behaviours the adapters rely on, against the run-wide local stack.
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { MongoClient, MongoServerError } from 'mongodb';

describe('the local DynamoDB (moto)', () => {
  const dynamo = new DynamoDBClient({
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    region: process.env.AWS_REGION,
    credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! },
  });
  const table = `smoke-${process.pid}-${Date.now().toString(36)}`;

  beforeAll(async () => {
    await dynamo.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
  });
  afterAll(() => dynamo.destroy());

  it('refuses a second conditional PutItem for the same key with ConditionalCheckFailedException', async () => {
    const put = () =>
      dynamo.send(
        new PutItemCommand({
          TableName: table,
          Item: { pk: { S: 'run#1' }, state: { S: 'planned' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    await put();

    await expect(put()).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  it('applies an UpdateItem only while its condition holds', async () => {
    const advance = (from: string, to: string) =>
      dynamo.send(
        new UpdateItemCommand({
          TableName: table,
          Key: { pk: { S: 'run#2' } },
          UpdateExpression: 'SET #state = :to',
          ConditionExpression: 'attribute_not_exists(pk) OR #state = :from',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':from': { S: from }, ':to': { S: to } },
        }),
      );
    await advance('none', 'planned');
    await advance('planned', 'copying');

    await expect(advance('planned', 'done')).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    const item = await dynamo.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'run#2' } } }));
    expect(item.Item?.state).toEqual({ S: 'copying' });
  });
});

describe('the local MongoDB (mongo-java-server) through the official driver', () => {
  const client = new MongoClient(process.env.MONGODB_URI!, { serverSelectionTimeoutMS: 5_000 });
  const db = () => client.db(`smoke_${process.pid}_${Date.now().toString(36)}`);

  afterAll(() => client.close());

  it('inserts, finds and enforces a unique index with a duplicate key error (code 11000)', async () => {
    const runs = db().collection<{ runId: string; job: string }>('runs');
    await runs.createIndex({ runId: 1 }, { unique: true });
    await runs.insertMany([
      { runId: 'r1', job: 'j1' },
      { runId: 'r2', job: 'j1' },
    ]);

    const found = await runs.find({ job: 'j1' }, { projection: { _id: 0 } }).sort({ runId: 1 }).toArray();
    expect(found).toEqual([
      { runId: 'r1', job: 'j1' },
      { runId: 'r2', job: 'j1' },
    ]);
    const duplicate = await runs.insertOne({ runId: 'r1', job: 'j2' }).catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(MongoServerError);
    expect((duplicate as MongoServerError).code).toBe(11000);
  });
});
