// The DynamoDB tables, declared from the same TABLE_DEFINITIONS the local stack creates, so the
// deployed key schemas and indexes cannot drift from what the repositories were tested against.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { TABLE_DEFINITIONS, TABLE_TIME_TO_LIVE, tableNames, type TableKey } from '@edgecv/infrastructure/dynamodb';
import { Construct } from 'constructs';
import { InvalidInfraConfigError } from '../config/InvalidInfraConfigError';
import { skipCheckov } from '../scanning/skipCheckov';

export interface EdgecvTablesProps {
  readonly tablePrefix: string;
}

type Definition = (typeof TABLE_DEFINITIONS)[TableKey];

export class EdgecvTables extends Construct {
  readonly tables: Readonly<Record<TableKey, dynamodb.Table>>;

  constructor(scope: Construct, id: string, props: EdgecvTablesProps) {
    super(scope, id);
    const names = tableNames(props.tablePrefix);
    const keys = Object.keys(TABLE_DEFINITIONS) as TableKey[];
    this.tables = Object.freeze(
      Object.fromEntries(keys.map((key) => [key, this.table(key, names[key], TABLE_DEFINITIONS[key])])) as Record<TableKey, dynamodb.Table>,
    );
  }

  private table(key: TableKey, tableName: string, definition: Definition): dynamodb.Table {
    if (definition.BillingMode !== 'PAY_PER_REQUEST') throw new InvalidInfraConfigError(`tables.${key}.BillingMode`, definition.BillingMode, 'only on-demand tables are declared');
    const attribute = (name: string): dynamodb.Attribute => ({ name, type: attributeType(key, definition, name) });
    const { partitionKey, sortKey } = keySchema(key, definition.KeySchema, attribute);
    const timeToLiveAttribute = TABLE_TIME_TO_LIVE[key];
    const table = new dynamodb.Table(this, id(key), {
      tableName,
      partitionKey,
      ...(sortKey === undefined ? {} : { sortKey }),
      ...(timeToLiveAttribute === undefined ? {} : { timeToLiveAttribute }),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    skipCheckov(table, {
      id: 'CKV_AWS_119',
      reason: 'Encrypted with the AWS-managed KMS key (aws/dynamodb, KMS and CloudTrail-audited); a customer-managed key adds cost and a key policy and does not change who may read the items (IAM).',
    });
    for (const index of definition.GlobalSecondaryIndexes ?? []) {
      if (index.IndexName === undefined) throw new InvalidInfraConfigError(`tables.${key}.GlobalSecondaryIndexes`, index, 'an index needs a name');
      const projection = index.Projection?.ProjectionType ?? 'ALL';
      if (projection !== 'ALL') throw new InvalidInfraConfigError(`tables.${key}.${index.IndexName}.Projection`, projection, 'only ALL projections are declared');
      table.addGlobalSecondaryIndex({ indexName: index.IndexName, ...keySchema(key, index.KeySchema, attribute), projectionType: dynamodb.ProjectionType.ALL });
    }
    return table;
  }
}

function id(key: TableKey): string {
  return `${key.charAt(0).toUpperCase()}${key.slice(1)}Table`;
}

function keySchema(
  key: TableKey,
  schema: Definition['KeySchema'],
  attribute: (name: string) => dynamodb.Attribute,
): { partitionKey: dynamodb.Attribute; sortKey?: dynamodb.Attribute } {
  const hash = schema?.find((k) => k.KeyType === 'HASH')?.AttributeName;
  const range = schema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  if (hash === undefined) throw new InvalidInfraConfigError(`tables.${key}.KeySchema`, schema, 'no partition key');
  return { partitionKey: attribute(hash), ...(range === undefined ? {} : { sortKey: attribute(range) }) };
}

function attributeType(key: TableKey, definition: Definition, name: string): dynamodb.AttributeType {
  const type = definition.AttributeDefinitions?.find((a) => a.AttributeName === name)?.AttributeType;
  switch (type) {
    case 'S':
      return dynamodb.AttributeType.STRING;
    case 'N':
      return dynamodb.AttributeType.NUMBER;
    case 'B':
      return dynamodb.AttributeType.BINARY;
    default:
      throw new InvalidInfraConfigError(`tables.${key}.AttributeDefinitions.${name}`, type, 'a key attribute needs a type S, N or B');
  }
}
