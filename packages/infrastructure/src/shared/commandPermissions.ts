// What each CLI command needs in AWS, as data: the IAM actions of the calls its adapters make, on
// the bucket, its objects and edgecv's tables. One list: docs/aws.md's table is rendered from it
// (and a test keeps them equal), the least-privilege policy of a command is built from it, and
// the CDK app's grants are tested against it (apps/infra ApiStack.test.ts).
import type { TableKey, TableNames } from '../dynamodb/tables';

/** Actions on one bucket (`arn:aws:s3:::B`) and its objects (`arn:aws:s3:::B/*`). */
export interface BucketPermission {
  readonly bucket: readonly string[];
  readonly objects: readonly string[];
  /** What a versioned bucket needs in addition (version listings, pinned versions, delete markers). */
  readonly versioned?: { readonly bucket?: readonly string[]; readonly objects?: readonly string[] };
}

/** `bucket`, `objects` and `versioned` are on the artifact bucket. */
export interface CommandPermission extends BucketPermission {
  /** The command line, e.g. `migrate run`; `pre-flight` is what every checked command adds. */
  readonly command: string;
  /** Actions on edgecv's tables, by table. */
  readonly tables: Readonly<Partial<Record<TableKey, readonly string[]>>>;
  /** Actions on the images bucket (`EDGECV_IMAGES_BUCKET`), its own resource. */
  readonly images?: BucketPermission;
  /** Actions on the archive bucket a command is given (`jobs archive --to`). */
  readonly archive?: BucketPermission;
  /** The command also uses MongoDB: no IAM, its connection string (`MONGODB_URI`) is the credential. */
  readonly mongodb?: true;
  /**
   * Which bucket the pre-flight checks: the artifact bucket (with the tables; the default), the
   * images bucket (no tables: MongoDB is checked instead), or none (the command runs no pre-flight).
   */
  readonly preflight?: 'artifacts' | 'images' | 'none';
}

const REFERENCE_TABLES = ['training', 'compilation', 'deployments'] as const;
const ALL_TABLES: readonly TableKey[] = ['jobs', 'runs', 'counters', ...REFERENCE_TABLES, 'migrationJournal', 'idempotency'];
const each = (keys: readonly TableKey[], actions: readonly string[]) => Object.fromEntries(keys.map((key) => [key, actions])) as Partial<Record<TableKey, readonly string[]>>;
/**
 * A `dynamodb:TABLE` journal (`--journal dynamodb:...`); a JSONL journal needs nothing in AWS. Its
 * header and lease (GetItem, PutItem, UpdateItem), its records (Query, UpdateItem); only planning
 * writes records in batches (BatchWriteItem).
 */
const JOURNAL = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'];
const PLANNING_JOURNAL = [...JOURNAL, 'dynamodb:BatchWriteItem'];

export const COMMAND_PERMISSIONS: readonly CommandPermission[] = Object.freeze([
  {
    command: 'pre-flight',
    bucket: ['s3:ListBucket', 's3:GetBucketVersioning', 's3:GetBucketObjectLockConfiguration', 's3:GetEncryptionConfiguration'],
    objects: [],
    tables: each(['jobs', 'runs', ...REFERENCE_TABLES], ['dynamodb:DescribeTable']),
  },
  // `migrate validate`; its pre-flight also checks MongoDB.
  { command: 'validate', bucket: ['s3:ListBucket'], objects: ['s3:GetObject'], tables: { ...each(REFERENCE_TABLES, ['dynamodb:Scan']), jobs: ['dynamodb:GetItem'] }, mongodb: true },
  {
    command: 'migrate plan',
    bucket: ['s3:ListBucket'],
    objects: ['s3:GetObject'],
    tables: { ...each(REFERENCE_TABLES, ['dynamodb:Scan']), jobs: ['dynamodb:GetItem'], migrationJournal: PLANNING_JOURNAL },
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
  // Reading a journal: the same calls as every migrate step opening it.
  { command: 'migrate status', bucket: [], objects: [], tables: { migrationJournal: JOURNAL }, preflight: 'none' },
  { command: 'migrate export', bucket: [], objects: [], tables: { migrationJournal: JOURNAL }, preflight: 'none' },
  // A conditional put of the job (id not taken), then the id counter moved past it (allocated or given).
  { command: 'jobs create', bucket: [], objects: [], tables: { jobs: ['dynamodb:PutItem'], counters: ['dynamodb:UpdateItem'] }, preflight: 'none' },
  { command: 'runs create', bucket: [], objects: [], tables: { jobs: ['dynamodb:GetItem'], runs: ['dynamodb:PutItem'], counters: ['dynamodb:UpdateItem'] }, preflight: 'none' },
  // A listing of the job's prefix, then a presigned GET per object: only as good as the signer's s3:GetObject.
  { command: 'jobs artifacts', bucket: ['s3:ListBucket'], objects: ['s3:GetObject'], tables: { jobs: ['dynamodb:GetItem'] }, preflight: 'none' },
  // A presigned PUT (the signer's s3:PutObject); a run config also looks the run up.
  { command: 'jobs upload-location', bucket: [], objects: ['s3:PutObject'], tables: { jobs: ['dynamodb:GetItem'], runs: ['dynamodb:GetItem'] }, preflight: 'none' },
  {
    command: 'jobs archive',
    // A listing of the prefix, a server-side copy keeping tags (CopyObject, UploadPartCopy above 5 GiB), both sides read for the SHA-256.
    bucket: ['s3:ListBucket'],
    objects: ['s3:GetObject', 's3:GetObjectTagging'],
    tables: { jobs: ['dynamodb:GetItem', 'dynamodb:UpdateItem'] },
    archive: { bucket: [], objects: ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload'] },
    preflight: 'none',
  },
  {
    command: 'images store',
    bucket: [],
    objects: [],
    tables: {},
    // A conditional put with the image's tags (multipart above the part size), a HEAD of the key when it already exists.
    images: { bucket: [], objects: ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload'] },
    mongodb: true,
    preflight: 'images',
  },
  {
    command: 'images get',
    bucket: [],
    objects: [],
    tables: {},
    // A HEAD, then the GET; a missing image answers 404 (the placeholder), not 403, only with ListBucket.
    images: { bucket: ['s3:ListBucket'], objects: ['s3:GetObject'], versioned: { objects: ['s3:GetObjectVersion'] } },
    mongodb: true,
    preflight: 'none',
  },
  {
    command: 'images backfill',
    bucket: [],
    objects: [],
    tables: {},
    // The legacy folder listed, each PNG read, its WebP stored with tags (HEAD first), the PNG deleted unless --keep-originals.
    images: { bucket: ['s3:ListBucket'], objects: ['s3:GetObject', 's3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload', 's3:DeleteObject'] },
    mongodb: true,
    preflight: 'images',
  },
  {
    // HeadBucket (s3:ListBucket) and DescribeTable only look; --yes (or the local stack) creates what is missing, and the idempotency table's TTL.
    command: 'provision',
    bucket: ['s3:ListBucket', 's3:CreateBucket'],
    objects: [],
    tables: { ...each(ALL_TABLES, ['dynamodb:DescribeTable', 'dynamodb:CreateTable']), idempotency: ['dynamodb:DescribeTable', 'dynamodb:CreateTable', 'dynamodb:DescribeTimeToLive', 'dynamodb:UpdateTimeToLive'] },
    images: { bucket: ['s3:ListBucket', 's3:CreateBucket'], objects: [] },
    preflight: 'none',
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

export interface PolicyTarget {
  /** The artifact bucket. */
  readonly bucket: string;
  readonly tables: TableNames;
  /** The images bucket; required by the commands that use it. */
  readonly imagesBucket?: string;
  /** The archive bucket (`jobs archive --to`); required by that command. */
  readonly archiveBucket?: string;
  readonly versioned?: boolean;
  readonly region?: string;
  readonly account?: string;
}

/** The pre-flight a command runs, moved to the bucket it checks. */
function preflightOf(p: CommandPermission): CommandPermission[] {
  const pre = permissionsOf('pre-flight');
  if (p.preflight === 'none') return [];
  if (p.preflight === 'images') return [{ command: pre.command, bucket: [], objects: [], tables: {}, images: { bucket: pre.bucket, objects: pre.objects } }];
  return [pre];
}

/** The least-privilege policy of one command (with its pre-flight, if it runs one) on its buckets and the tables. */
export function commandPolicy(command: string, target: PolicyTarget): PolicyDocument {
  const own = permissionsOf(command);
  const parts = [...preflightOf(own), own];
  const union = (pick: (p: CommandPermission) => BucketPermission | undefined, which: 'bucket' | 'objects') =>
    [...new Set(parts.flatMap((p) => { const b = pick(p); return b ? [...b[which], ...(target.versioned ? (b.versioned?.[which] ?? []) : [])] : []; }))].sort();
  const statements: PolicyDocument['Statement'][number][] = [];
  const buckets: [string, string | undefined, (p: CommandPermission) => BucketPermission | undefined][] = [
    ['', target.bucket, (p) => p],
    ['Images', target.imagesBucket, (p) => p.images],
    ['Archive', target.archiveBucket, (p) => p.archive],
  ];
  for (const [sid, name, pick] of buckets) {
    const bucket = union(pick, 'bucket');
    const objects = union(pick, 'objects');
    if (bucket.length + objects.length === 0) continue;
    if (name === undefined) throw new Error(`${command} needs the ${sid.toLowerCase()} bucket named (${sid.toLowerCase()}Bucket)`);
    if (bucket.length > 0) statements.push({ Sid: `${sid}Bucket`, Effect: 'Allow', Action: bucket, Resource: [`arn:aws:s3:::${name}`] });
    if (objects.length > 0) statements.push({ Sid: `${sid}Objects`, Effect: 'Allow', Action: objects, Resource: [`arn:aws:s3:::${name}/*`] });
  }
  const tableArn = (name: string) => `arn:aws:dynamodb:${target.region ?? '*'}:${target.account ?? '*'}:table/${name}`;
  const byActions = new Map<string, string[]>();
  for (const p of parts) {
    for (const [key, actions] of Object.entries(p.tables) as [TableKey, readonly string[]][]) {
      for (const action of actions) byActions.set(action, [...new Set([...(byActions.get(action) ?? []), tableArn(target.tables[key])])]);
    }
  }
  const tableActions = [...byActions.keys()].sort();
  if (tableActions.length > 0) statements.push({ Sid: 'Tables', Effect: 'Allow', Action: tableActions, Resource: [...new Set(tableActions.flatMap((a) => byActions.get(a) ?? []))].sort() });
  return { Version: '2012-10-17', Statement: statements };
}

/** docs/aws.md's table, rendered from the list. */
export function permissionsMarkdown(): string {
  const list = (actions: readonly string[] | undefined) => (actions && actions.length > 0 ? actions.map((a) => `\`${a}\``).join(', ') : '—');
  const versionedOf = (b: BucketPermission | undefined) => (b?.versioned ? [...(b.versioned.bucket ?? []), ...(b.versioned.objects ?? [])] : []);
  const other = (label: string, b: BucketPermission | undefined) => {
    if (b === undefined) return [];
    const versioned = versionedOf(b);
    return [`${label} \`${label[0]?.toUpperCase() ?? ''}\`: ${list(b.bucket)}; \`${label[0]?.toUpperCase() ?? ''}/*\`: ${list(b.objects)}${versioned.length > 0 ? `; versioned, also ${list(versioned)}` : ''}`];
  };
  const rows = COMMAND_PERMISSIONS.map((p) => {
    const tables = Object.entries(p.tables).map(([key, actions]) => `${key}: ${list(actions)}`);
    const elsewhere = [
      ...other('images', p.images),
      ...other('archive', p.archive),
      ...(p.mongodb ? ['MongoDB: no IAM (its connection string)'] : []),
      ...(p.preflight === 'none' ? ['no pre-flight'] : p.preflight === 'images' ? ['pre-flight on the images bucket'] : []),
    ];
    return `| ${p.command} | ${list(p.bucket)} | ${list(p.objects)} | ${list(versionedOf(p))} | ${tables.length > 0 ? tables.join('; ') : '—'} | ${elsewhere.length > 0 ? elsewhere.join('; ') : '—'} |`;
  });
  return ['| command | on the bucket | on its objects | versioned bucket, also | on the tables | elsewhere |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
