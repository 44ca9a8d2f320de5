// Issue 11 §6: no raw Node or SDK code reaches a user. Each bad input or unreachable service is a
// typed error whose one line names what the user gave, with one exit code for bad input (2).
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Edgecv } from '@edgecv/container';
import { closedLoopbackPort, createTestBucket, uniqueName } from '@edgecv/test-harness';
import { runCli } from './testing/runCli';

/** What none of these answers may show: the codes of Node, the SDK's class names, a second line. */
function expectPlainLine(stderr: string): void {
  const last = stderr.trim().split('\n').at(-1) ?? '';
  expect(last).toMatch(/^edgecv: /);
  expect(stderr).not.toMatch(/\[(ENOENT|EISDIR|ENOTDIR|EACCES|ECONNREFUSED)\]|ERR_INVALID_URL|UnknownError|TimeoutError|unexpected failure/);
}


describe('edgecv reports bad input and unreachable services in plain words', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let jobId: string;
  let runId: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'edgecv-user-errors-'));
    env = { ...process.env, EDGECV_ARTIFACT_BUCKET: await createTestBucket(), EDGECV_TABLE_PREFIX: `${uniqueName('uerr')}-` };
    const edgecv = Edgecv.fromEnv(env);
    await edgecv.provision();
    await edgecv.close();
    jobId = String((await runCli(['jobs', 'create', '--json'], env)).json<{ id: number }>()[0]?.id);
    runId = String((await runCli(['runs', 'create', '--job-id', jobId, '--json'], env)).json<{ id: number }>()[0]?.id);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('a missing --file is a usage error naming the option and the path', async () => {
    const r = await runCli(['images', 'store', '--assignment-id', 'a-1', '--file', 'no/such/picture.png'], env, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--file "no/such/picture.png"');
    expect(r.stderr).toContain('[INPUT_FILE_NOT_FOUND]');
    expectPlainLine(r.stderr);
  });

  it('a folder given as --journal is a usage error naming it, and leaves no lock beside it', async () => {
    const folder = path.join(dir, 'journals');
    await mkdir(folder);
    for (const verb of ['run', 'status']) {
      const r = await runCli(['migrate', verb, '--journal', folder], env, dir);
      expect({ verb, code: r.code }).toEqual({ verb, code: 2 });
      expect(r.stderr).toContain(`Invalid journal ${JSON.stringify(folder)}: it is a folder`);
      expectPlainLine(r.stderr);
    }
    const plan = await runCli(['migrate', 'plan', '--bucket', String(env.EDGECV_ARTIFACT_BUCKET), '--journal', folder], env, dir);
    expect(plan.code).toBe(2);
    expectPlainLine(plan.stderr);
    await expect(import('node:fs/promises').then((fs) => fs.stat(`${folder}.lock`))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('an endpoint that is not a URL is refused before any request, naming the variable', async () => {
    const r = await runCli(['jobs', 'artifacts', '--job-id', jobId], { ...env, AWS_ENDPOINT_URL_S3: 'localhost:9000' }, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('AWS_ENDPOINT_URL_S3 = "localhost:9000"');
    expect(r.stderr).toContain('[INVALID_CONFIG]');
    expectPlainLine(r.stderr);
  });

  it('an unreachable S3 endpoint is S3_UNAVAILABLE naming the endpoint and the setting, exit 1', async () => {
    const endpoint = `http://127.0.0.1:${await closedLoopbackPort()}`;
    const r = await runCli(['jobs', 'artifacts', '--job-id', jobId], { ...env, AWS_ENDPOINT_URL_S3: endpoint, AWS_MAX_ATTEMPTS: '1' }, dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(endpoint);
    expect(r.stderr).toContain('AWS_ENDPOINT_URL_S3');
    expect(r.stderr).toContain('[S3_UNAVAILABLE]');
    expectPlainLine(r.stderr);
  });

  it.each([
    ['a missing results directory', async () => path.join(dir, 'not-there'), 'RESULTS_DIR_NOT_FOUND'],
    [
      'a symbolic link out of the results directory',
      async () => {
        const results = path.join(dir, 'escaping');
        await mkdir(results);
        await symlink('/etc', path.join(results, 'etc'));
        return results;
      },
      'SYMLINK_ESCAPE',
    ],
    [
      'an entry a zip cannot hold',
      async () => {
        const results = path.join(dir, 'backslash');
        await mkdir(results);
        await writeFile(path.join(results, 'a\\b.txt'), 'x');
        return results;
      },
      'UNSUPPORTED_ENTRY',
    ],
  ])('%s is bad input: exit 2 like every other', async (_what, make, code) => {
    const r = await runCli(['results', 'upload', '--job-id', jobId, '--run-id', runId, '--dir', await make()], env, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`[${code}]`);
    expectPlainLine(r.stderr);
  });
});
