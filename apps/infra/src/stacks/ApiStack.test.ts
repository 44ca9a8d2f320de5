import { driversOf } from '@edgecv/lambdas/bundling/handlerDrivers';
import { ROUTES } from '@edgecv/lambdas/http/routes';
import { permissionsOf, type BucketPermission } from '@edgecv/infrastructure';
import { tableNames, type TableKey } from '@edgecv/infrastructure/dynamodb';
import { HANDLER_PERMISSIONS } from '../compute/handlerPermissions';
import { onlyResource, resourcesOf, synthesize, type Synthesized } from '../testing/synthesize.fixture';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

describe('Edgecv-Api: the Lambdas and the HTTP API', () => {
  let s: Synthesized;
  let statements: Statement[];
  beforeAll(() => {
    s = synthesize();
    statements = Object.values(resourcesOf(s.template('api'), 'AWS::IAM::Policy')).flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  });

  // Each Lambda that runs the same use case as a CLI command needs what the command needs (its
  // pre-flight aside: a Lambda runs none), on the same resources. The CDK buckets are versioned, so
  // what a versioned bucket needs in addition counts too.
  it.each([
    ['migrateBatch', 'migrate run'],
    ['createJob', 'jobs create'],
    ['createRun', 'runs create'],
    ['listJobArtifacts', 'jobs artifacts'],
    ['uploadResults', 'results upload'],
    ['storeAssignmentImage', 'images store'],
    ['getAssignmentImage', 'images get'],
  ])('grants %s every action `%s` needs, on the same bucket, objects and tables (COMMAND_PERMISSIONS)', (entry, command) => {
    const own = Object.entries(resourcesOf(s.template('api'), 'AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith(`${pascal(entry)}Role`))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((st) => st.Effect === 'Allow');
    expect(own.length).toBeGreaterThan(0);
    const granted = new Set(own.flatMap((st) => actionsOf(st).flatMap((action) => (Array.isArray(st.Resource) ? st.Resource : [st.Resource]).map((r) => `${action} on ${kindOf(r)}`))));
    const needed = (kind: string, b: BucketPermission | undefined) => [
      ...[...(b?.bucket ?? []), ...(b?.versioned?.bucket ?? [])].map((a) => `${a} on ${kind}`),
      ...[...(b?.objects ?? []), ...(b?.versioned?.objects ?? [])].map((a) => `${a} on ${kind}/*`),
    ];
    const p = permissionsOf(command);
    const required = [
      ...needed('artifacts', p),
      ...needed('images', p.images),
      ...(Object.entries(p.tables) as [TableKey, readonly string[]][]).flatMap(([key, actions]) => actions.map((a) => `${a} on table ${key}`)),
    ];
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((r) => !granted.has(r))).toEqual([]);
  });

  it('declares a permission set for every handler apps/lambdas routes to', () => {
    expect(ROUTES.map((r) => r.entry).filter((e) => HANDLER_PERMISSIONS[e] === undefined)).toEqual([]);
  });

  it('deploys one Node 24 function per handler, bundled from apps/lambdas/src/handlers', () => {
    const functions = Object.values(resourcesOf(s.template('api'), 'AWS::Lambda::Function'));
    expect(functions).toHaveLength(new Set(ROUTES.map((r) => r.entry)).size + (s.stacks.api.functions.migrateBatch ? 1 : 0));
    for (const fn of functions) expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Handler: 'index.handler', Architectures: ['x86_64'] });
  });

  it('routes every ROUTES entry, each behind IAM authorisation', () => {
    const routes = Object.values(resourcesOf(s.template('api'), 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    for (const r of routes) expect(r.AuthorizationType).toBe('AWS_IAM');
  });

  it('grants no s3:* and no service-wide action wildcard', () => {
    const actions = statements.flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));
    expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
  });

  it('grants nothing on the "*" resource', () => {
    const resources = statements.flatMap((st) => (Array.isArray(st.Resource) ? st.Resource : [st.Resource]));
    expect(resources).not.toContain('*');
  });

  it('gives each function its own role with no managed policy, logging only to its own log group', () => {
    for (const role of Object.values(resourcesOf(s.template('api'), 'AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const [logGroupId] = Object.entries(resourcesOf(s.template('api'), 'AWS::Logs::LogGroup')).find(([id]) => id.startsWith('CreateJob')) ?? [];
    const policy = Object.entries(resourcesOf(s.template('api'), 'AWS::IAM::Policy')).find(([id]) => id.startsWith('CreateJob'))?.[1];
    expect((policy?.Properties.PolicyDocument as { Statement: Statement[] }).Statement).toContainEqual(
      expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } }),
    );
  });

  it('lets uploadResults write objects under jobs/ and nowhere else in the artifact bucket', () => {
    const policy = Object.entries(resourcesOf(s.template('api'), 'AWS::IAM::Policy')).find(([id]) => id.startsWith('UploadResults'))?.[1];
    const st = (policy?.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    const writes = st.filter((x) => (Array.isArray(x.Action) ? x.Action : [x.Action]).includes('s3:PutObject'));
    expect(JSON.stringify(writes.map((w) => w.Resource))).toMatch(/edgecv-artifacts-.*\/jobs\/\*/);
    expect(JSON.stringify(writes.map((w) => w.Resource))).not.toMatch(/\/(models|datasets|deployments)\//);
  });

  it('has an S3 Batch Operations role that reads manifests and writes reports only', () => {
    const roles = Object.values(resourcesOf(s.template('api'), 'AWS::IAM::Role')).filter((r) => JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('batchoperations.s3.amazonaws.com'));
    expect(roles).toHaveLength(1);
    const text = JSON.stringify(Object.entries(resourcesOf(s.template('api'), 'AWS::IAM::Policy')).find(([id]) => id.startsWith('BatchOperations'))?.[1]);
    expect(text).toContain('migration/manifests/*');
    expect(text).toContain('migration/reports/*');
  });

  it('names the bucket, tables and SageMaker role in every function\'s environment', () => {
    for (const fn of Object.values(resourcesOf(s.template('api'), 'AWS::Lambda::Function'))) {
      const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(vars)).toEqual(expect.arrayContaining(['EDGECV_ARTIFACT_BUCKET', 'EDGECV_PATH_PREFIX', 'EDGECV_TABLE_PREFIX', 'EDGECV_SAGEMAKER_ROLE_ARN']));
      expect(vars.EDGECV_TABLE_PREFIX).toBe('edgecv-');
    }
  });

  const statementsOf = (prefix: string): Statement[] =>
    Object.entries(resourcesOf(s.template('api'), 'AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith(prefix))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  const actionsOf = (st: Statement) => (Array.isArray(st.Action) ? st.Action : [st.Action]);

  it('lets only the generating handlers invoke Bedrock, on the one Nova Canvas model and nothing else', () => {
    const invoking = statements.filter((st) => actionsOf(st).some((a) => a.startsWith('bedrock:')));
    expect(invoking.length).toBe(2);
    for (const st of invoking) {
      expect(actionsOf(st)).toEqual(['bedrock:InvokeModel']);
      expect(JSON.stringify(st.Resource)).toMatch(/:bedrock:.*::foundation-model\/amazon\.nova-canvas-v1:0"/);
    }
    expect(statementsOf('CreateAssignment').filter((st) => actionsOf(st).includes('bedrock:InvokeModel'))).toHaveLength(1);
    expect(statementsOf('PreviewAssignmentImage').filter((st) => actionsOf(st).includes('bedrock:InvokeModel'))).toHaveLength(1);
    for (const read of ['GetAssignment', 'ListAssignments', 'CompleteAssignment', 'DeleteAssignment']) {
      expect(statementsOf(read).flatMap(actionsOf).filter((a) => a.startsWith('bedrock:'))).toEqual([]);
    }
  });

  it('lets the assignment handlers touch generated_images/ of the image bucket only, deleting only from deleteAssignment', () => {
    const s3Statements = ['CreateAssignment', 'GetAssignment', 'DeleteAssignment', 'PreviewAssignmentImage'].flatMap((h) => statementsOf(h).filter((st) => actionsOf(st).some((a) => a.startsWith('s3:'))));
    for (const st of s3Statements) {
      expect(JSON.stringify(st)).toContain('edgecv-images-');
      expect(JSON.stringify(st)).toMatch(/generated_images\/\*/);
    }
    const deleting = ['CreateAssignment', 'GetAssignment', 'ListAssignments', 'CompleteAssignment', 'PreviewAssignmentImage', 'DeleteAssignment'].filter((h) => statementsOf(h).some((st) => actionsOf(st).includes('s3:DeleteObject')));
    expect(deleting).toEqual(['DeleteAssignment']);
    expect(statementsOf('ListAssignments').flatMap(actionsOf).filter((a) => a.startsWith('s3:'))).toEqual([]);
  });

  it('gives generation a budget that leaves the function time to store the picture', () => {
    const fn = Object.entries(resourcesOf(s.template('api'), 'AWS::Lambda::Function')).find(([id]) => id.startsWith('CreateAssignment'))?.[1];
    const vars = (fn?.Properties.Environment as { Variables: Record<string, string> }).Variables;
    expect(Number(vars.EDGECV_GENERATION_BUDGET_MS)).toBeLessThan(Number((fn?.Properties as { Timeout: number }).Timeout) * 1000);
  });

  it('lets exactly the idempotent routes\' functions get, put, update and delete items of the idempotency table, and nothing more there', () => {
    const touching = (prefix: string) => statementsOf(prefix).filter((st) => JSON.stringify(st.Resource).includes('table/edgecv-idempotency'));
    const idempotent = [...new Set(ROUTES.filter((r) => r.idempotency !== undefined).map((r) => r.entry))];
    expect(idempotent).toEqual(expect.arrayContaining(['createJob', 'createRun', 'startTrainingJob', 'startCompilation', 'packageDeployment', 'publishComponent', 'uploadResults', 'storeAssignmentImage', 'createAssignment', 'completeAssignment']));
    for (const entry of new Set(ROUTES.map((r) => r.entry))) {
      const granted = touching(pascal(entry));
      if (idempotent.includes(entry)) {
        expect(granted).toHaveLength(1);
        expect(granted[0]?.Effect).toBe('Allow');
        expect([...actionsOf(granted[0] as Statement)].sort()).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
        // The table itself: no index, no other table, no wildcard.
        expect(JSON.stringify(granted[0]?.Resource)).toMatch(/^\{"Fn::Join":\["",\["arn:[^*]*:table\/edgecv-idempotency"\]\]\}$/);
      } else {
        expect(granted).toEqual([]);
      }
    }
    expect(touching('MigrateBatch')).toEqual([]);
  });
});

describe('Edgecv-Api: what every function gets, generically (EdgecvFunction)', () => {
  type Fn = { Properties: { ReservedConcurrentExecutions?: number; DeadLetterConfig?: { TargetArn: unknown }; Layers?: unknown[]; Environment: { Variables: Record<string, unknown> }; Role: unknown } };
  let s: Synthesized;
  let functions: Record<string, Fn>;
  const entryOf = (id: string) => [...new Set([...ROUTES.map((r) => r.entry), 'migrateBatch'])].find((e) => id.startsWith(`${e.charAt(0).toUpperCase()}${e.slice(1)}Function`));
  beforeAll(() => {
    s = synthesize();
    functions = resourcesOf(s.template('api'), 'AWS::Lambda::Function') as unknown as Record<string, Fn>;
  });

  it('reserves 10 concurrent executions for each API function and 50 for migrate-batch by default', () => {
    const reserved = Object.fromEntries(Object.entries(functions).map(([id, fn]) => [entryOf(id), fn.Properties.ReservedConcurrentExecutions]));
    expect(reserved).toEqual(Object.fromEntries(Object.keys(reserved).map((e) => [e, e === 'migrateBatch' ? 50 : 10])));
  });

  it('reserves what the configuration says, and nothing with none (a low account quota)', () => {
    const configured = synthesize({ apiReservedConcurrency: 3, migrateBatchReservedConcurrency: 'none' });
    const values = Object.entries(resourcesOf(configured.template('api'), 'AWS::Lambda::Function')).map(([id, fn]) => [entryOf(id), fn.Properties.ReservedConcurrentExecutions]);
    expect(new Set(values.map(([e, v]) => (e === 'migrateBatch' ? `batch:${String(v)}` : `api:${String(v)}`)))).toEqual(new Set(['api:3', 'batch:undefined']));
  });

  it('sends the failed asynchronous invocations of every function to one KMS-encrypted dead-letter queue', () => {
    const [queueId, queue] = onlyResource(s.template('api'), 'AWS::SQS::Queue');
    expect(queue.Properties).toMatchObject({ KmsMasterKeyId: 'alias/aws/sqs', MessageRetentionPeriod: 1_209_600 });
    for (const fn of Object.values(functions)) expect(fn.Properties.DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
  });

  it('gives the MongoDB secret (its name, and read access) to the handlers that declare MongoDB, and to no other', () => {
    const withSecret = Object.entries(functions).filter(([, fn]) => fn.Properties.Environment.Variables.EDGECV_MONGODB_SECRET !== undefined).map(([id]) => entryOf(id));
    expect(withSecret.sort()).toEqual(Object.keys(functions).map(entryOf).filter((e) => e !== undefined && driversOf(e).includes('mongodb')).sort());
    for (const [id, fn] of Object.entries(functions)) {
      expect(fn.Properties.Environment.Variables.MONGODB_URI).toBeUndefined();
      if (fn.Properties.Environment.Variables.EDGECV_MONGODB_SECRET !== undefined) expect(fn.Properties.Environment.Variables.EDGECV_MONGODB_SECRET).toBe('edgecv-mongodb-uri');
      const role = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const policy = Object.values(resourcesOf(s.template('api'), 'AWS::IAM::Policy')).find((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]));
      const reads = JSON.stringify(policy?.Properties.PolicyDocument).includes('secretsmanager:GetSecretValue');
      expect({ id, reads }).toEqual({ id, reads: driversOf(entryOf(id) ?? '').includes('mongodb') });
    }
    expect(JSON.stringify(resourcesOf(s.template('api'), 'AWS::IAM::Policy'))).toContain('secret:edgecv-mongodb-uri-??????');
  });

  it('names an existing secret by its ARN when edgecv:mongoSecret gives one', () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:edgecv/atlas-AbCdEf';
    const configured = synthesize({ mongoSecret: arn });
    const vars = Object.values(resourcesOf(configured.template('api'), 'AWS::Lambda::Function')).map((fn) => (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.EDGECV_MONGODB_SECRET);
    expect(vars).toContain(arn);
    expect(JSON.stringify(resourcesOf(configured.template('api'), 'AWS::IAM::Policy'))).toContain(arn);
  });

  it('attaches the sharp layer to the handlers that declare sharp, and to no other', () => {
    const withLayer = Object.entries(functions).filter(([, fn]) => (fn.Properties.Layers ?? []).length > 0).map(([id]) => entryOf(id));
    expect(withLayer).toEqual(Object.keys(functions).map(entryOf).filter((e) => e !== undefined && driversOf(e).includes('sharp')));
  });
});

/** What an IAM resource of the api template is: the artifact or images bucket, its objects (any key pattern), or one of edgecv's tables. */
function kindOf(resource: unknown): string {
  const text = JSON.stringify(resource);
  const table = (Object.entries(tableNames('edgecv-')) as [TableKey, string][]).find(([, name]) => text.endsWith(`table/${name}"]]}`) || text.endsWith(`table/${name}"`));
  if (table) return `table ${table[0]}`;
  const bucket = text.includes('edgecv-artifacts-') ? 'artifacts' : text.includes('edgecv-images-') ? 'images' : undefined;
  if (bucket === undefined) return text;
  return /\/[^"]*\*"/.test(text) ? `${bucket}/*` : bucket;
}

function pascal(name: string): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}
