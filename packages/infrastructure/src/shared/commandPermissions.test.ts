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
});
