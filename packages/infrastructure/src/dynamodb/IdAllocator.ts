// Sequential numeric ids from an atomic counter item (one per sequence) in the counters table.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export class IdAllocator {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly countersTable: string,
    private readonly sequence: string,
  ) {}

  /** The next id: ADD is atomic, so concurrent callers never get the same number. */
  async next(): Promise<number> {
    const r = await this.documents.send(
      new UpdateCommand({
        TableName: this.countersTable,
        Key: { name: this.sequence },
        UpdateExpression: 'ADD #v :one',
        ExpressionAttributeNames: { '#v': 'value' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(r.Attributes?.value);
  }

  /** Moves the counter past an id chosen by the caller, so later allocations do not collide with it. */
  async observe(id: number): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.countersTable,
          Key: { name: this.sequence },
          UpdateExpression: 'SET #v = :id',
          ConditionExpression: 'attribute_not_exists(#v) OR #v < :id',
          ExpressionAttributeNames: { '#v': 'value' },
          ExpressionAttributeValues: { ':id': id },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
