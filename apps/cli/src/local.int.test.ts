// `edgecv local start|status|stop` really start and stop the servers, per data folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './testing/runCli';

/** A machine with no AWS configuration at all (the jest setup already points the shared files nowhere). */
const withoutServers = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_DYNAMODB', 'MONGODB_URI', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete env[name];
  return env;
};

describe('edgecv local', () => {
  let data: string;
  const env = withoutServers();

  beforeAll(async () => {
    data = await mkdtemp(path.join(tmpdir(), 'edgecv-local-'));
  });
  afterAll(async () => {
    await runCli(['local', 'stop', '--data', data], env);
    await rm(data, { recursive: true, force: true });
  });

  it('starts the stack, reuses it, reports it, and stops it', async () => {
    const started = await runCli(['local', 'start', '--data', data, '--json'], env);
    expect(started.code).toBe(0);
    const [endpoints] = started.json<Record<string, string>>();
    expect(Object.keys(endpoints ?? {}).sort()).toEqual(['accessKeyId', 'dataDir', 'dynamodb', 'mongodb', 'region', 's3', 'secretAccessKey']);
    expect(endpoints?.s3).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(endpoints?.mongodb).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+/);
    expect(endpoints?.dataDir).toBe(data);
    // A real S3 server answers there.
    expect((await fetch(`${endpoints?.s3}/`)).status).toBeLessThan(500);

    const again = await runCli(['local', 'start', '--data', data, '--json'], env);
    expect(again.json()[0]).toEqual(endpoints);

    const status = await runCli(['local', 'status', '--data', data, '--json'], env);
    expect(status.code).toBe(0);
    expect(status.json()[0]).toMatchObject({ running: true, services: { s3: 'up', dynamodb: 'up', mongodb: 'up' } });

    // A command that touches a service uses this stack and says so on stderr.
    const job = await runCli(['jobs', 'create', '--created-at', '2024-02-29T00:00:00Z', '--json', '--data', data], env);
    expect(job.code).toBe(0);
    expect(job.stderr).toContain(`local stack in ${data}`);
    expect(job.json()[0]).toMatchObject({ target: { kind: 'local-stack', dataDir: data } });

    // --local wins over an environment that names other servers (the test stack's) and keys: nothing of it is used.
    const forced = await runCli(['jobs', 'create', '--created-at', '2024-02-29T00:00:00Z', '--json', '--data', data, '--local'], process.env);
    expect({ code: forced.code, stderr: forced.stderr }).toMatchObject({ code: 0, stderr: expect.stringContaining(`using the local stack in ${data}`) });
    expect(forced.stderr).not.toContain(process.env.AWS_ENDPOINT_URL_S3 as string);

    const stopped = await runCli(['local', 'stop', '--data', data, '--json'], env);
    expect(stopped.json()[0]).toEqual({ stopped: true, dataDir: data });
    await expect(fetch(`${endpoints?.s3}/`)).rejects.toThrow();

    const after = await runCli(['local', 'status', '--data', data, '--json'], env);
    expect(after.code).toBe(1);
    expect(after.json()[0]).toMatchObject({ running: false });
  });
});
