// Training records in `edgecv-training` (docs/dynamodb-schema.md). URI attributes carry the names
// the migration's cut-over rewrites (TRAINING_REFERENCES): model_artifact_uri, output_uri.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TrainingJobAlreadyExistsError, TrainingJobNotFoundError, type StateUpdate, type TrainingJobState, type TrainingRecord, type TrainingRecordRepository } from '@edgecv/use-cases';
import type { TableNames } from './tables';

interface TrainingItem {
  jobName: string;
  state: TrainingJobState;
  arn?: string;
  output_uri: string;
  model_artifact_uri: string;
  inputDataUri: string;
  trainingImage: string;
  instanceType: string;
  createdAt: string;
  updatedAt: string;
  failureReason?: string;
}

export class DynamoDbTrainingRecordRepository implements TrainingRecordRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: Pick<TableNames, 'training'>,
  ) {}

  async create(r: TrainingRecord): Promise<void> {
    const item: TrainingItem = {
      jobName: r.jobName,
      state: r.state,
      ...(r.arn !== undefined ? { arn: r.arn } : {}),
      output_uri: r.outputUri,
      model_artifact_uri: r.modelArtifactUri,
      inputDataUri: r.inputDataUri,
      trainingImage: r.trainingImage,
      instanceType: r.instanceType,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      ...(r.failureReason !== undefined ? { failureReason: r.failureReason } : {}),
    };
    try {
      await this.documents.send(new PutCommand({ TableName: this.tables.training, Item: item, ConditionExpression: 'attribute_not_exists(jobName)' }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new TrainingJobAlreadyExistsError(r.jobName);
      throw error;
    }
  }

  async find(jobName: string): Promise<TrainingRecord | undefined> {
    const r = await this.documents.send(new GetCommand({ TableName: this.tables.training, Key: { jobName }, ConsistentRead: true }));
    return r.Item ? fromItem(r.Item as TrainingItem) : undefined;
  }

  async updateState(jobName: string, update: StateUpdate<TrainingJobState>): Promise<void> {
    try {
      await this.documents.send(new UpdateCommand(stateUpdate(this.tables.training, { jobName }, 'jobName', update)));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new TrainingJobNotFoundError(jobName);
      throw error;
    }
  }
}

/** SET state/updatedAt (and failureReason) only: URIs are cut-over's to change. */
export function stateUpdate(table: string, key: Record<string, string>, existsAttribute: string, update: StateUpdate<string>) {
  return {
    TableName: table,
    Key: key,
    UpdateExpression: `SET #state = :state, updatedAt = :updatedAt${update.failureReason !== undefined ? ', failureReason = :reason' : ''}`,
    ConditionExpression: `attribute_exists(${existsAttribute})`,
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: {
      ':state': update.state,
      ':updatedAt': update.updatedAt.toISOString(),
      ...(update.failureReason !== undefined ? { ':reason': update.failureReason } : {}),
    },
  };
}

function fromItem(i: TrainingItem): TrainingRecord {
  return {
    jobName: i.jobName,
    state: i.state,
    ...(i.arn !== undefined ? { arn: i.arn } : {}),
    outputUri: i.output_uri,
    modelArtifactUri: i.model_artifact_uri,
    inputDataUri: i.inputDataUri,
    trainingImage: i.trainingImage,
    instanceType: i.instanceType,
    createdAt: new Date(i.createdAt),
    updatedAt: new Date(i.updatedAt),
    ...(i.failureReason !== undefined ? { failureReason: i.failureReason } : {}),
  };
}
