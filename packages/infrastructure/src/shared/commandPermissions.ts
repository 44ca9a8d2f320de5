// What each CLI command needs in AWS, as data: the IAM actions of the calls its adapters make, on
// the bucket, its objects and edgecv's tables. One list: docs/aws.md's table is rendered from it
// (and a test keeps them equal), the least-privilege policy of a command is built from it, and
// the CDK app's grants are tested against it (apps/infra ApiStack.test.ts).
import type { TableKey, TableNames } from '../dynamodb/tables';

export interface CommandPermission {
  /** The command line, e.g. `migrate run`; `pre-flight` is what every checked command adds. */
  readonly command: string;
  /** Actions on the bucket itself (`arn:aws:s3:::B`). */
  readonly bucket: readonly string[];
  /** Actions on its objects (`arn:aws:s3:::B/*`). */
  readonly objects: readonly string[];
  /** Actions on edgecv's tables, by table. */
  readonly tables: Readonly<Partial<Record<TableKey, readonly string[]>>>;
  /** What a versioned bucket needs in addition (version listings, pinned versions, delete markers). */
  readonly versioned?: { readonly bucket?: readonly string[]; readonly objects?: readonly string[] };
}

const REFERENCE_TABLES = ['training', 'compilation', 'deployments'] as const;
const each = (keys: readonly TableKey[], actions: readonly string[]) => Object.fromEntries(keys.map((key) => [key, actions])) as Partial<Record<TableKey, readonly string[]>>;
/** A `dynamodb:TABLE` journal (`--journal dynamodb:...`); a JSONL journal needs nothing in AWS. */
const JOURNAL = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem', 'dynamodb:Query', 'dynamodb:UpdateItem'];

export const COMMAND_PERMISSIONS: readonly CommandPermission[] = Object.freeze([
  {
    command: 'pre-flight',
    bucket: ['s3:ListBucket', 's3:GetBucketVersioning', 's3:GetBucketObjectLockConfiguration', 's3:GetEncryptionConfiguration'],
    objects: [],
    tables: each(['jobs', 'runs', ...REFERENCE_TABLES], ['dynamodb:DescribeTable']),
  },
  { command: 'validate', bucket: ['s3:ListBucket'], objects: ['s3:GetObject'], tables: { ...each(REFERENCE_TABLES, ['dynamodb:Scan']), jobs: ['dynamodb:GetItem'] } },
  {
    command: 'migrate plan',
    bucket: ['s3:ListBucket'],
    objects: ['s3:GetObject'],
    tables: { ...each(REFERENCE_TABLES, ['dynamodb:Scan']), jobs: ['dynamodb:GetItem'], migrationJournal: JOURNAL },
    versioned: { bucket: ['s3:ListBucketVersions'], objects: ['s3:GetObjectVersion'] },
  },
  {
    command: 'migrate run',
    bucket: [],
    // A server-side copy that keeps tags (CopyObject, or UploadPartCopy above 5 GiB), then a HEAD to verify it.
    objects: ['s3:GetObject', 's3:GetObjectTagging', 's3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload'],
    tables: { migrationJournal: JOURNAL },
    versioned: { objects: ['s3:GetObjectVersion', 's3:GetObjectVersionTagging'] },
  },
  { command: 'migrate cutover', bucket: [], objects: [], tables: { ...each(REFERENCE_TABLES, ['dynamodb:Scan', 'dynamodb:UpdateItem']), migrationJournal: JOURNAL } },
  { command: 'migrate cleanup', bucket: [], objects: ['s3:GetObject', 's3:DeleteObject'], tables: { migrationJournal: JOURNAL } },
  {
    command: 'migrate rollback',
    bucket: [],
    objects: ['s3:GetObject', 's3:GetObjectTagging', 's3:PutObject', 's3:PutObjectTagging', 's3:DeleteObject'],
    tables: { ...each(REFERENCE_TABLES, ['dynamodb:UpdateItem']), migrationJournal: JOURNAL },
    // Removing the delete markers clean-up left.
    versioned: { bucket: ['s3:ListBucketVersions'], objects: ['s3:GetObjectVersion', 's3:DeleteObjectVersion'] },
  },
  {
    command: 'results upload',
    // Results are write-once: a HEAD of the key first, which answers 404 (not 403) only with ListBucket.
    bucket: ['s3:ListBucket'],
    objects: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
    tables: { jobs: ['dynamodb:GetItem'], runs: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'] },
  },
]);

export function permissionsOf(command: string): CommandPermission {
  const found = COMMAND_PERMISSIONS.find((p) => p.command === command);
  if (found === undefined) throw new Error(`no permissions listed for ${command}`);
  return found;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly { readonly Sid: string; readonly Effect: 'Allow'; readonly Action: readonly string[]; readonly Resource: readonly string[] }[];
}

/** The least-privilege policy of one command (with its pre-flight) on one bucket and the tables. */
export function commandPolicy(command: string, target: { readonly bucket: string; readonly tables: TableNames; readonly versioned?: boolean; readonly region?: string; readonly account?: string }): PolicyDocument {
  const parts = [permissionsOf('pre-flight'), permissionsOf(command)];
  const union = (pick: (p: CommandPermission) => readonly string[] | undefined) => [...new Set(parts.flatMap((p) => pick(p) ?? []))].sort();
  const bucket = union((p) => [...p.bucket, ...(target.versioned ? (p.versioned?.bucket ?? []) : [])]);
  const objects = union((p) => [...p.objects, ...(target.versioned ? (p.versioned?.objects ?? []) : [])]);
  const tableArn = (name: string) => `arn:aws:dynamodb:${target.region ?? '*'}:${target.account ?? '*'}:table/${name}`;
  const byActions = new Map<string, string[]>();
  for (const p of parts) {
    for (const [key, actions] of Object.entries(p.tables) as [TableKey, readonly string[]][]) {
      for (const action of actions) byActions.set(action, [...new Set([...(byActions.get(action) ?? []), tableArn(target.tables[key])])]);
    }
  }
  const statements: PolicyDocument['Statement'][number][] = [];
  if (bucket.length > 0) statements.push({ Sid: 'Bucket', Effect: 'Allow', Action: bucket, Resource: [`arn:aws:s3:::${target.bucket}`] });
  if (objects.length > 0) statements.push({ Sid: 'Objects', Effect: 'Allow', Action: objects, Resource: [`arn:aws:s3:::${target.bucket}/*`] });
  const tableActions = [...byActions.keys()].sort();
  if (tableActions.length > 0) statements.push({ Sid: 'Tables', Effect: 'Allow', Action: tableActions, Resource: [...new Set(tableActions.flatMap((a) => byActions.get(a) ?? []))].sort() });
  return { Version: '2012-10-17', Statement: statements };
}

/** docs/aws.md's table, rendered from the list. */
export function permissionsMarkdown(): string {
  const list = (actions: readonly string[] | undefined) => (actions && actions.length > 0 ? actions.map((a) => `\`${a}\``).join(', ') : '—');
  const rows = COMMAND_PERMISSIONS.map((p) => {
    const tables = Object.entries(p.tables).map(([key, actions]) => `${key}: ${list(actions)}`);
    const versioned = p.versioned ? [...(p.versioned.bucket ?? []), ...(p.versioned.objects ?? [])] : [];
    return `| ${p.command} | ${list(p.bucket)} | ${list(p.objects)} | ${list(versioned)} | ${tables.length > 0 ? tables.join('; ') : '—'} |`;
  });
  return ['| command | on the bucket | on its objects | versioned bucket, also | on the tables |', '|---|---|---|---|---|', ...rows].join('\n');
}
