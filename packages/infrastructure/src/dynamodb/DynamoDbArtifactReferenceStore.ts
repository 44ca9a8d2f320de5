// References to artifacts held in a DynamoDB table (training, compilation, deployment records),
// rewritten by cut-over with `SET attr = :new` conditioned on `attr = :old`.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ArtifactReference, ArtifactReferenceStore, ReplaceOutcome } from '@edgecv/use-cases';
import type { TableNames } from './tables';

export type UriAttributeKind = 'scalar' | 'list' | 'map';

export interface ReferenceTableShape {
  /** The store's name in references and the journal. */
  readonly name: string;
  /** The table's key attributes, in order; the record id joins their values with `/`. */
  readonly keyAttributes: readonly string[];
  /** The attributes that hold `s3://` URIs: a string, a list of strings, or a map of strings. */
  readonly uriAttributes: readonly { readonly attribute: string; readonly kind: UriAttributeKind }[];
}

/** Training records (docs/dynamodb-schema.md): one per SageMaker training job. */
export const TRAINING_REFERENCES: ReferenceTableShape = Object.freeze({
  name: 'training',
  keyAttributes: ['jobName'],
  uriAttributes: [
    { attribute: 'model_artifact_uri', kind: 'scalar' as const },
    { attribute: 'output_uri', kind: 'scalar' as const },
  ],
});

/** Compilation records: one per Neo compilation job and target. */
export const COMPILATION_REFERENCES: ReferenceTableShape = Object.freeze({
  name: 'compilation',
  keyAttributes: ['jobName', 'target'],
  uriAttributes: [{ attribute: 'output_uri', kind: 'scalar' as const }],
});

/** Deployment records: one per deployment, listing every artifact it ships. */
export const DEPLOYMENT_REFERENCES: ReferenceTableShape = Object.freeze({
  name: 'deployment',
  keyAttributes: ['name'],
  uriAttributes: [{ attribute: 'artifact_uris', kind: 'list' as const }],
});

type Item = Record<string, unknown>;

export class DynamoDbArtifactReferenceStore implements ArtifactReferenceStore {
  readonly name: string;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly shape: ReferenceTableShape,
  ) {
    this.name = shape.name;
  }

  /** The three stores of edgecv's own tables. */
  static all(documents: DynamoDBDocumentClient, tables: Pick<TableNames, 'training' | 'compilation' | 'deployments'>): DynamoDbArtifactReferenceStore[] {
    return [
      new DynamoDbArtifactReferenceStore(documents, tables.training, TRAINING_REFERENCES),
      new DynamoDbArtifactReferenceStore(documents, tables.compilation, COMPILATION_REFERENCES),
      new DynamoDbArtifactReferenceStore(documents, tables.deployments, DEPLOYMENT_REFERENCES),
    ];
  }

  async *list(): AsyncIterable<ArtifactReference> {
    let start: Item | undefined;
    do {
      const page = await this.documents.send(new ScanCommand({ TableName: this.tableName, ExclusiveStartKey: start, ConsistentRead: true }));
      for (const item of (page.Items ?? []) as Item[]) yield* this.referencesOf(item);
      start = page.LastEvaluatedKey as Item | undefined;
    } while (start !== undefined);
  }

  async replace(recordId: string, attribute: string, expectedUri: string, newUri: string): Promise<ReplaceOutcome> {
    const { path, names } = attributePath(attribute);
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.keyOf(recordId),
          UpdateExpression: `SET ${path} = :new`,
          ConditionExpression: `${path} = :old`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':new': newUri, ':old': expectedUri },
        }),
      );
      return 'replaced';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException') return 'mismatch';
      throw error;
    }
  }

  private *referencesOf(item: Item): Iterable<ArtifactReference> {
    const recordId = this.shape.keyAttributes.map((k) => String(item[k])).join('/');
    for (const { attribute, kind } of this.shape.uriAttributes) {
      const value = item[attribute];
      if (kind === 'scalar' && typeof value === 'string') yield { store: this.name, recordId, attribute, uri: value };
      if (kind === 'list' && Array.isArray(value)) {
        for (const [i, uri] of value.entries()) if (typeof uri === 'string') yield { store: this.name, recordId, attribute: `${attribute}[${i}]`, uri };
      }
      if (kind === 'map' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, uri] of Object.entries(value)) if (typeof uri === 'string') yield { store: this.name, recordId, attribute: `${attribute}.${k}`, uri };
      }
    }
  }

  private keyOf(recordId: string): Item {
    const parts = recordId.split('/');
    return Object.fromEntries(this.shape.keyAttributes.map((k, i) => [k, parts[i]]));
  }
}

/** `a`, `a[3]` or `a.b` as an update path with every name escaped. */
function attributePath(attribute: string): { path: string; names: Record<string, string> } {
  const list = /^(.+)\[(\d+)\]$/.exec(attribute);
  if (list) return { path: `#a[${list[2]}]`, names: { '#a': list[1] as string } };
  const dot = attribute.indexOf('.');
  if (dot > 0) return { path: '#a.#k', names: { '#a': attribute.slice(0, dot), '#k': attribute.slice(dot + 1) } };
  return { path: '#a', names: { '#a': attribute } };
}
