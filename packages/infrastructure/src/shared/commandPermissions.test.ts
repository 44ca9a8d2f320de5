// The one list of what each command needs in AWS: docs/aws.md shows it as it is, and a command's
// policy is built from it and nothing else.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableNames } from '../dynamodb/tables';
import { COMMAND_PERMISSIONS, commandPolicy, permissionsMarkdown } from './commandPermissions';

describe('COMMAND_PERMISSIONS', () => {
  it('is the table docs/aws.md shows (regenerate it from permissionsMarkdown() when the list changes)', () => {
    const doc = readFileSync(path.resolve(__dirname, '../../../../docs/aws.md'), 'utf8');
    const generated = /<!-- generated from COMMAND_PERMISSIONS: do not edit by hand -->\n([\s\S]*?)\n<!-- end of generated table -->/.exec(doc)?.[1];
    expect(generated).toBe(permissionsMarkdown());
  });

  it('names only explicit s3: and dynamodb: actions, never a wildcard', () => {
    for (const p of COMMAND_PERMISSIONS) {
      const actions = [...p.bucket, ...p.objects, ...Object.values(p.tables).flat(), ...(p.versioned?.bucket ?? []), ...(p.versioned?.objects ?? [])];
      for (const action of actions) expect(action).toMatch(/^(s3|dynamodb):[A-Z][A-Za-z]+$/);
    }
  });

  it("builds a command's least-privilege policy: its own actions and its pre-flight's, on the bucket, its objects and the named tables", () => {
    const policy = commandPolicy('migrate run', { bucket: 'acme-ml', tables: tableNames('acme-'), region: 'eu-west-1', account: '123456789012' });
    expect(policy.Statement).toEqual([
      { Sid: 'Bucket', Effect: 'Allow', Action: ['s3:GetBucketObjectLockConfiguration', 's3:GetBucketVersioning', 's3:GetEncryptionConfiguration', 's3:ListBucket'], Resource: ['arn:aws:s3:::acme-ml'] },
      { Sid: 'Objects', Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:GetObjectTagging', 's3:PutObject', 's3:PutObjectTagging'], Resource: ['arn:aws:s3:::acme-ml/*'] },
      expect.objectContaining({ Sid: 'Tables', Action: expect.arrayContaining(['dynamodb:DescribeTable', 'dynamodb:UpdateItem']), Resource: expect.arrayContaining(['arn:aws:dynamodb:eu-west-1:123456789012:table/acme-migration-journal', 'arn:aws:dynamodb:eu-west-1:123456789012:table/acme-jobs']) }),
    ]);
    // A versioned bucket adds what version ids and delete markers need, and only then.
    const versioned = commandPolicy('migrate rollback', { bucket: 'b', tables: tableNames(), versioned: true });
    expect(versioned.Statement.find((s) => s.Sid === 'Objects')?.Action).toContain('s3:DeleteObjectVersion');
    expect(commandPolicy('migrate rollback', { bucket: 'b', tables: tableNames() }).Statement.find((s) => s.Sid === 'Objects')?.Action).not.toContain('s3:DeleteObjectVersion');
    expect(() => commandPolicy('migrate everything', { bucket: 'b', tables: tableNames() })).toThrow(/no permissions listed/);
  });

  it('puts the images commands on the images bucket, its own resource, with their pre-flight there and no table', () => {
    const target = { bucket: 'acme-ml', imagesBucket: 'acme-images', tables: tableNames('acme-') };
    const store = commandPolicy('images store', target);
    expect(store.Statement.map((s) => s.Sid)).toEqual(['ImagesBucket', 'ImagesObjects']);
    expect(store.Statement[0]).toMatchObject({ Action: expect.arrayContaining(['s3:GetBucketVersioning', 's3:ListBucket']), Resource: ['arn:aws:s3:::acme-images'] });
    expect(store.Statement[1]).toMatchObject({ Action: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject', 's3:PutObjectTagging'], Resource: ['arn:aws:s3:::acme-images/*'] });
    // images get runs no pre-flight; on a versioned bucket its GET is pinned to the version the HEAD saw.
    expect(commandPolicy('images get', { ...target, versioned: true }).Statement).toEqual([
      { Sid: 'ImagesBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::acme-images'] },
      { Sid: 'ImagesObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: ['arn:aws:s3:::acme-images/*'] },
    ]);
    expect(() => commandPolicy('images backfill', { bucket: 'acme-ml', tables: tableNames() })).toThrow(/images bucket named/);
    expect(COMMAND_PERMISSIONS.filter((p) => p.command.startsWith('images ')).every((p) => p.mongodb === true)).toBe(true);
  });

  it('gives the commands without a pre-flight only their own actions, and jobs archive the archive bucket it writes to', () => {
    expect(commandPolicy('jobs create', { bucket: 'b', tables: tableNames('acme-') }).Statement).toEqual([
      { Sid: 'Tables', Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], Resource: ['arn:aws:dynamodb:*:*:table/acme-counters', 'arn:aws:dynamodb:*:*:table/acme-jobs'] },
    ]);
    const archive = commandPolicy('jobs archive', { bucket: 'b', archiveBucket: 'cold', tables: tableNames() });
    expect(archive.Statement.find((s) => s.Sid === 'ArchiveObjects')).toMatchObject({ Action: expect.arrayContaining(['s3:PutObject', 's3:PutObjectTagging']), Resource: ['arn:aws:s3:::cold/*'] });
    expect(archive.Statement.find((s) => s.Sid === 'Objects')?.Action).not.toContain('s3:PutObject');
  });

  it('lists every command once, and a command never holds an action its pre-flight does not need on a bucket it does not use', () => {
    const names = COMMAND_PERMISSIONS.map((p) => p.command);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['jobs create', 'runs create', 'jobs artifacts', 'jobs upload-location', 'jobs archive', 'results upload', 'images store', 'images get', 'images backfill', 'provision']));
    for (const p of COMMAND_PERMISSIONS.filter((c) => c.preflight === 'images')) expect([...p.bucket, ...p.objects, ...Object.keys(p.tables)]).toEqual([]);
  });
});
