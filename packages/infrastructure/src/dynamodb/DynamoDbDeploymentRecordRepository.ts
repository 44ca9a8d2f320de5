// Deployment records in `edgecv-deployments`; artifact_uris (a list) is the attribute the
// migration's cut-over rewrites element by element (DEPLOYMENT_REFERENCES).
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DeploymentAlreadyExistsError,
  DeploymentNotFoundError,
  type DeploymentRecord,
  type DeploymentRecordRepository,
  type PublishedComponentRef,
} from '@edgecv/use-cases';
import type { TableNames } from './tables';

interface ComponentItem {
  arn: string;
  componentName: string;
  componentVersion: string;
  state: string;
  publishedAt: string;
}

interface DeploymentItem {
  name: string;
  artifact_uris: string[];
  compilationJob: string;
  target: string;
  createdAt: string;
  component?: ComponentItem;
}

export class DynamoDbDeploymentRecordRepository implements DeploymentRecordRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: Pick<TableNames, 'deployments'>,
  ) {}

  async create(r: DeploymentRecord): Promise<void> {
    const item: DeploymentItem = {
      name: r.name,
      artifact_uris: [...r.artifactUris],
      compilationJob: r.compilationJob,
      target: r.target,
      createdAt: r.createdAt.toISOString(),
      ...(r.component !== undefined ? { component: componentItem(r.component) } : {}),
    };
    try {
      await this.documents.send(new PutCommand({ TableName: this.tables.deployments, Item: item, ConditionExpression: 'attribute_not_exists(#name)', ExpressionAttributeNames: { '#name': 'name' } }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new DeploymentAlreadyExistsError(r.name);
      throw error;
    }
  }

  async find(name: string): Promise<DeploymentRecord | undefined> {
    const r = await this.documents.send(new GetCommand({ TableName: this.tables.deployments, Key: { name }, ConsistentRead: true }));
    if (!r.Item) return undefined;
    const i = r.Item as DeploymentItem;
    return {
      name: i.name,
      artifactUris: i.artifact_uris ?? [],
      compilationJob: i.compilationJob,
      target: i.target,
      createdAt: new Date(i.createdAt),
      ...(i.component !== undefined ? { component: { ...i.component, publishedAt: new Date(i.component.publishedAt) } } : {}),
    };
  }

  async recordComponent(name: string, component: PublishedComponentRef): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tables.deployments,
          Key: { name },
          UpdateExpression: 'SET component = :component',
          ConditionExpression: 'attribute_exists(#name)',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':component': componentItem(component) },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new DeploymentNotFoundError(name);
      throw error;
    }
  }
}

function componentItem(c: PublishedComponentRef): ComponentItem {
  return { arn: c.arn, componentName: c.componentName, componentVersion: c.componentVersion, state: c.state, publishedAt: c.publishedAt.toISOString() };
}
