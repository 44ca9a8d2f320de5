// Each Lambda asset, built by scripts/bundle.ts (the function `pnpm synth` uses) into a folder
// outside the repo (so nothing resolves from the workspace's node_modules): only index.mjs in it,
// only the drivers its handler declares, within its size budget, and it loads in a fresh Node
// process and answers an event against the local stack, as the Lambda runtime would call it.
import { execFile } from 'node:child_process';
import { readdir, readFile, rm, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Edgecv } from '@edgecv/container';
import { uniqueName } from '@edgecv/test-harness';
import { storedZip } from '@edgecv/use-cases';
import { DynamoDbCompilationRecordRepository, DynamoDbDeploymentRecordRepository, DynamoDbTrainingRecordRepository, createDynamoClients, tableNames } from '@edgecv/infrastructure/dynamodb';
import { bundleBudget, LEAN_BUNDLE_LIMIT } from './bundling/bundleBudgets';
import { driversOf } from './bundling/handlerDrivers';
import { handlerEntries } from './bundling/handlerEntries';
import { copySharpForLambda } from './bundling/sharpForLambda';
import { ROUTES } from './http/routes';
import { MONGODB_SECRET_ENV } from './runtime/mongoUriFromSecret';

const run = promisify(execFile);
/** A 4x3 PNG, one colour (made with sharp). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEElEQVQImWM4IWcDRww4OQAP2g2ZCJrF5QAAAABJRU5ErkJggg==', 'base64');
const root = path.resolve(__dirname, '..');
let out: string;
/** What scripts/bundle.ts wrote into each asset folder, before the test adds the layers. */
const assetFiles = new Map<string, string[]>();
let env: NodeJS.ProcessEnv;
let bucket: string;

const metafileOf = new Map<string, Metafile['outputs'][string]>();
type Metafile = { outputs: Record<string, { bytes: number; inputs: Record<string, unknown>; imports: { path: string; external?: boolean }[] }> };
async function metafile(entry: string): Promise<Metafile['outputs'][string]> {
  const meta = JSON.parse(await readFile(path.join(out, `${entry}.meta.json`), 'utf8')) as Metafile;
  const [, output] = Object.entries(meta.outputs).find(([file]) => file.endsWith('.mjs')) ?? [];
  if (output === undefined) throw new Error(`no bundle in the metafile of ${entry}`);
  return output;
}

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'edgecv-bundles-'));
  await run(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'bundle.ts'), '--out', out], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  for (const entry of handlerEntries()) {
    assetFiles.set(entry, await readdir(path.join(out, entry)));
    // What the CDK app's sharp layer puts on the function's module path.
    if (driversOf(entry).includes('sharp')) copySharpForLambda(path.join(out, entry, 'node_modules'));
  }
  bucket = uniqueName('bundles');
  // The image handlers read MongoDB's URI from Secrets Manager (moto, on the S3 port), as in AWS;
  // no function gets MONGODB_URI in its environment.
  const secrets = new SecretsManagerClient({ endpoint: process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? process.env.AWS_ENDPOINT_URL_S3 });
  const secret = await secrets.send(new CreateSecretCommand({ Name: uniqueName('bundles-mongodb'), SecretString: process.env.MONGODB_URI }));
  secrets.destroy();
  env = {
    ...process.env,
    MONGODB_URI: undefined,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? process.env.AWS_ENDPOINT_URL_S3,
    [MONGODB_SECRET_ENV]: secret.ARN,
    EDGECV_ARTIFACT_BUCKET: bucket,
    EDGECV_TABLE_PREFIX: `${uniqueName('bundles')}-`,
    EDGECV_ML_SERVICES: 'simulated',
    EDGECV_IMAGE_GENERATOR: 'local',
    EDGECV_MONGODB_DATABASE: uniqueName('bundles'),
    EDGECV_SAGEMAKER_ROLE_ARN: 'arn:aws:iam::000000000000:role/sm',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    NODE_PATH: '',
  };
  const edgecv = Edgecv.fromEnv({ ...env, MONGODB_URI: process.env.MONGODB_URI });
  await edgecv.provision();
  // The records the old Lambdas left, written with the adapters themselves (apps never reach them).
  const dynamo = createDynamoClients(edgecv.config.dynamodb);
  const tables = tableNames(edgecv.config.dynamodb.tablePrefix);
  const now = new Date();
  await new DynamoDbTrainingRecordRepository(dynamo.documents, tables).create({
    jobName: 'seeded', state: 'Completed', outputUri: `s3://${bucket}/datasets//training-output/seeded/`, modelArtifactUri: `s3://${bucket}/datasets//training-output/seeded/output/model.tar.gz`,
    inputDataUri: `s3://${bucket}/datasets/raw/a/`, trainingImage: 'img', instanceType: 'ml.m5.xlarge', createdAt: now, updatedAt: now,
  });
  await new DynamoDbCompilationRecordRepository(dynamo.documents, tables).createAll([
    { jobName: 'seeded-c', target: 'rasp4b', neoJobName: 'seeded-c-rasp4b', state: 'COMPLETED', outputUri: `s3://${bucket}/models/compilation/seeded-c/rasp4b/model.tar.gz`, sourceModelUri: `s3://${bucket}/m.tar.gz`, framework: 'ONNX', createdAt: now, updatedAt: now },
  ]);
  await new DynamoDbDeploymentRecordRepository(dynamo.documents, tables).create({
    name: 'seeded-d', artifactUris: ['model.tar.gz', 'config.json', 'component.zip'].map((f) => `s3://${bucket}/deployments/seeded-d/${f}`), compilationJob: 'seeded-c', target: 'rasp4b', createdAt: now,
  });
  dynamo.client.destroy();
  await edgecv.close();
}, 600_000);
afterAll(() => rm(out, { recursive: true, force: true }));

/** Loads the bundle in a new process and calls its `handler` with the event. */
async function invoke(entry: string, event: unknown): Promise<{ statusCode: number; body: Record<string, unknown> }> {
  const script = `
    const { handler } = await import(process.argv[1]);
    // Lambda freezes the process after the answer; here it exits (open pools would keep it alive).
    const done = (line) => process.stdout.write(line + '\\n', () => process.exit(0));
    handler(JSON.parse(process.argv[2]), {}).then(
      (r) => done('\\n@@result@@' + JSON.stringify(r)),
      (e) => done('\\n@@error@@' + String(e && e.stack || e).split('\\n')[0]),
    );`;
  // Only the handlers that declare MongoDB get its secret, as in the CDK app.
  const own = driversOf(entry).includes('mongodb') ? env : { ...env, [MONGODB_SECRET_ENV]: undefined };
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, pathToFileURL(path.join(out, entry, 'index.mjs')).href, JSON.stringify(event)], { cwd: out, env: own, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });
  const line = stdout.split('\n').find((l) => l.startsWith('@@result@@'));
  if (!line) throw new Error(`no result from ${entry}: ${stdout.split('\n').find((l) => l.startsWith('@@error@@')) ?? stdout}`);
  const result = JSON.parse(line.slice('@@result@@'.length)) as { statusCode: number; body: string; isBase64Encoded?: boolean };
  return { statusCode: result.statusCode, body: (result.isBase64Encoded ? { bytes: Buffer.from(result.body, 'base64').length } : JSON.parse(result.body)) as Record<string, unknown> };
}

function event(entry: string, pathParameters: Record<string, string>, body?: unknown | Buffer): unknown {
  const route = ROUTES.find((r) => r.entry === entry)!;
  const rawPath = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => pathParameters[name] ?? '');
  const binary = Buffer.isBuffer(body);
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': binary ? 'application/zip' : 'application/json' },
    pathParameters,
    requestContext: { requestId: `bundle-${entry}`, http: { method: route.method, path: rawPath }, routeKey: `${route.method} ${route.path}`, stage: '$default' },
    ...(body === undefined ? {} : { body: binary ? (body as Buffer).toString('base64') : JSON.stringify(body), isBase64Encoded: binary }),
  };
}

describe('handler bundles', () => {
  it('are one asset folder per handler holding index.mjs only, its source map and metafile beside it', async () => {
    expect(handlerEntries()).toEqual([...new Set(ROUTES.map((r) => r.entry)), 'migrateBatch'].sort());
    for (const entry of handlerEntries()) {
      expect({ entry, files: assetFiles.get(entry) }).toEqual({ entry, files: ['index.mjs'] });
      const map = JSON.parse(await readFile(path.join(out, `${entry}.mjs.map`), 'utf8')) as { sources: string[] };
      expect(map.sources).toContain(`apps/lambdas/src/handlers/${entry}.ts`);
    }
  });

  it('carry the MongoDB driver and import sharp only where the handler declares them', async () => {
    for (const entry of handlerEntries()) {
      const output = await metafile(entry);
      const mongodb = Object.keys(output.inputs).some((file) => /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?mongodb\//.test(file));
      const sharp = output.imports.some((i) => i.path === 'sharp' && i.external === true);
      expect({ entry, mongodb, sharp }).toEqual({ entry, mongodb: driversOf(entry).includes('mongodb'), sharp: driversOf(entry).includes('sharp') });
    }
  });

  it('stay within their size budget (apps/lambdas/src/bundling/bundleBudgets.ts), under 1 MB without MongoDB or sharp', async () => {
    for (const entry of handlerEntries()) {
      const bytes = (await metafile(entry)).bytes;
      expect({ entry, bytes, withinBudget: bytes <= bundleBudget(entry) }).toEqual({ entry, bytes, withinBudget: true });
      if (driversOf(entry).length === 0) expect({ entry, budget: bundleBudget(entry) <= LEAN_BUNDLE_LIMIT }).toEqual({ entry, budget: true });
    }
  });

  it('carry no adapters of the capabilities their handler does not declare', async () => {
    const adapters = (output: Metafile['outputs'][string], family: string) => Object.keys(output.inputs).some((file) => file.includes(`packages/infrastructure/src/${family}/`));
    const family = (entry: string, name: string) => adapters(metafileOf.get(entry)!, name);
    for (const entry of handlerEntries()) metafileOf.set(entry, await metafile(entry));
    // Only the assignments generate pictures (Bedrock); only migrate-batch reads journals and inventories.
    expect(handlerEntries().filter((e) => family(e, 'generation'))).toEqual(['completeAssignment', 'createAssignment', 'deleteAssignment', 'getAssignment', 'listAssignments', 'previewAssignmentImage']);
    expect(handlerEntries().filter((e) => family(e, 'journal'))).toEqual(['migrateBatch']);
    // Zip verification only where results are stored; SageMaker/Greengrass only in the edge handlers that call them.
    expect(handlerEntries().filter((e) => family(e, 'archive'))).toEqual(['uploadResults']);
    const sdk = (entry: string, client: string) => Object.keys(metafileOf.get(entry)!.inputs).some((file) => file.includes(`@aws-sdk/${client}/`));
    expect(handlerEntries().filter((e) => sdk(e, 'client-sagemaker'))).toEqual(['getCompilationStatus', 'getTrainingJob', 'startCompilation', 'startTrainingJob']);
    expect(handlerEntries().filter((e) => sdk(e, 'client-greengrassv2'))).toEqual(['getDeployment', 'packageDeployment', 'publishComponent']);
  });

  it('each loads in a fresh process and answers a request against the local stack', async () => {
    const job = await invoke('createJob', event('createJob', {}, { createdAt: '2025-10-23T21:15:00Z' }));
    expect(job.statusCode).toBe(201);
    const jobId = String(job.body.id);
    const runResult = await invoke('createRun', event('createRun', { jobId }, {}));
    expect(runResult.statusCode).toBe(201);
    const runId = String(runResult.body.id);
    const cases: [string, unknown, number, Record<string, unknown>?][] = [
      ['uploadResults', event('uploadResults', { jobId, runId }, storedZip([{ name: 'a.txt', data: 'a' }])), 201, { key: `jobs/${jobId}/2025/10/23/211500/run_${runId}_results.zip` }],
      ['listJobArtifacts', event('listJobArtifacts', { jobId }), 200],
      ['startTrainingJob', event('startTrainingJob', {}, { jobName: 'bundled', inputDataUri: `s3://${bucket}/datasets/raw/a/`, trainingImage: 'img' }), 201, { s3OutputPath: `s3://${bucket}/models/training/` }],
      ['getTrainingJob', event('getTrainingJob', { jobName: 'seeded' }), 200, { modelArtifactUri: `s3://${bucket}/models/training/seeded/output/model.tar.gz`, legacyRecord: true }],
      ['startCompilation', event('startCompilation', {}, { jobName: 'bundled-c', targets: ['ml_c5'], modelUri: `s3://${bucket}/models/training/bundled/output/model.tar.gz`, framework: 'ONNX', dataInputConfig: '{}' }), 201],
      ['getCompilationStatus', event('getCompilationStatus', { jobName: 'seeded-c' }), 200, { state: 'COMPLETED' }],
      ['packageDeployment', event('packageDeployment', {}, { name: 'nope', compilationJob: 'missing', target: 'rasp4b' }), 404],
      ['getDeployment', event('getDeployment', { name: 'seeded-d' }), 200],
      ['publishComponent', event('publishComponent', { name: 'seeded-d' }, {}), 201, { componentName: 'com.edgecv.seeded-d' }],
      ['storeAssignmentImage', { ...(event('storeAssignmentImage', { assignmentId: 'bundled-1' }) as object), headers: { 'content-type': 'image/png', 'x-teacher-id': 't1' }, body: PNG.toString('base64'), isBase64Encoded: true }, 201, { key: 'generated_images/bundled-1.webp', optimized: true }],
      ['getAssignmentImage', event('getAssignmentImage', { assignmentId: 'bundled-1' }), 200],
      ['getImageUrl', event('getImageUrl', { assignmentId: 'bundled-1' }), 200, { source: 'presigned' }],
    ];
    // migrate-batch is invoked by S3 Batch Operations, not API Gateway: a job naming no journal is refused.
    await expect(invoke('migrateBatch', { invocationSchemaVersion: '2.0', invocationId: 'i', job: { id: 'j' }, tasks: [{ taskId: 't', s3Key: 'k', s3Bucket: bucket, s3VersionId: null }] })).rejects.toThrow(/INVALID_BATCH_JOB|names no migration journal/);
    for (const [entry, ev, status, expected] of cases) {
      const result = await invoke(entry, ev);
      expect({ entry, status: result.statusCode }).toEqual({ entry, status });
      if (expected) expect(result.body).toMatchObject(expected);
    }
  });

  it('run the assignment flow (MongoDB, sharp, the local generator) through the portal handlers', async () => {
    const image = { prompt: 'A lighthouse on a cliff', width: 512, height: 512 };
    const preview = await invoke('previewAssignmentImage', event('previewAssignmentImage', {}, image));
    expect(preview.statusCode).toBe(200);
    const created = await invoke('createAssignment', event('createAssignment', {}, { teacherId: 't-bundles', questions: ['What do you see?'], image }));
    expect(created).toMatchObject({ statusCode: 201, body: { assignment: { teacherId: 't-bundles', s3UploadStatus: 'success' } } });
    const id = String((created.body.assignment as { assignmentId: string }).assignmentId);
    const listed = await invoke('listAssignments', { ...(event('listAssignments', {}) as object), rawQueryString: 'teacherId=t-bundles', queryStringParameters: { teacherId: 't-bundles' } });
    expect(listed).toMatchObject({ statusCode: 200, body: { items: [{ assignmentId: id }] } });
    expect((await invoke('getAssignment', event('getAssignment', { assignmentId: id }))).statusCode).toBe(200);
    expect((await invoke('completeAssignment', event('completeAssignment', { assignmentId: id }, { studentId: 's-1', answers: ['A lighthouse'] }))).statusCode).toBe(201);
    expect(await invoke('deleteAssignment', event('deleteAssignment', { assignmentId: id }))).toMatchObject({ statusCode: 200, body: { assignmentId: id, submissionsDeleted: 1 } });
  });
});
