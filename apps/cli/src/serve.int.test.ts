// `edgecv serve` as a user starts it: the Lambda handlers over HTTP on the test stack, until a signal stops it.
import { PassThrough } from 'node:stream';
import { Edgecv } from '@edgecv/container';
import { uniqueName } from '@edgecv/test-harness';
import { isLoopback } from './commands/serve';
import { run } from './program';

describe('edgecv serve', () => {
  it('serves the routes, the OpenAPI document and a health check on a free port, and stops on SIGTERM', async () => {
    const bucket = uniqueName('serve');
    const env = { ...process.env, EDGECV_ARTIFACT_BUCKET: bucket, EDGECV_TABLE_PREFIX: `${uniqueName('serve')}-` };
    const provisioning = Edgecv.fromEnv(env);
    await provisioning.provision();
    await provisioning.close();

    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const exit = run({ argv: ['serve', '--port', '0', '--ml-services', 'simulated', '--log-level', 'SILENT', '--json'], env, streams: { stdout, stderr } });
    const line = await new Promise<string>((resolve) => stdout.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
    const { url, routes } = JSON.parse(line) as { url: string; routes: number };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const health = await (await fetch(`${url}/health`)).json();
    expect(health).toEqual({ status: 'ok', routes, bucket, mlServices: 'simulated', stack: 'environment' });
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/compilation-jobs/{jobName}');

    const started = await fetch(`${url}/training-jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jobName: 'serve-job-1', inputDataUri: `s3://${bucket}/datasets/raw/a/`, trainingImage: 'img' }),
    });
    expect(started.status).toBe(201);
    expect(((await started.json()) as { modelArtifactUri: string }).modelArtifactUri).toBe(`s3://${bucket}/models/training/serve-job-1/output/model.tar.gz`);

    process.emit('SIGTERM');
    expect(await exit).toBe(0);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  describe('says it has no authentication (issue 11 §7)', () => {
    let env: NodeJS.ProcessEnv;
    beforeAll(async () => {
      env = { ...process.env, EDGECV_ARTIFACT_BUCKET: uniqueName('serve'), EDGECV_TABLE_PREFIX: `${uniqueName('serve')}-` };
      const provisioning = Edgecv.fromEnv(env);
      await provisioning.provision();
      await provisioning.close();
    });

    /** Starts serve with `args`, returns its first stdout line and its stderr so far, then stops it. */
    async function startAndStop(args: string[]): Promise<{ line: string; stderr: string; code: number }> {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const err: Buffer[] = [];
      stderr.on('data', (c: Buffer) => err.push(c));
      const exit = run({ argv: ['serve', '--port', '0', '--ml-services', 'simulated', '--log-level', 'SILENT', ...args], env, streams: { stdout, stderr } });
      const line = await new Promise<string>((resolve) => stdout.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
      process.emit('SIGTERM');
      const code = await exit;
      return { line, stderr: Buffer.concat(err).toString('utf8'), code };
    }

    it('in --help', async () => {
      const stdout = new PassThrough();
      const out: Buffer[] = [];
      stdout.on('data', (c: Buffer) => out.push(c));
      expect(await run({ argv: ['serve', '--help'], env: process.env, streams: { stdout, stderr: new PassThrough() } })).toBe(0);
      const help = Buffer.concat(out).toString('utf8').replace(/\s+/g, ' ');
      expect(help).toContain('NO AUTHENTICATION: anyone who can reach its port can call every route');
      expect(help).toContain('default 127.0.0.1, loopback; any other address exposes an API without authentication, and serve warns');
    });

    it('in its startup line, on loopback by default, without a warning', async () => {
      const started = await startAndStop([]);
      expect(started.line).toMatch(/^serving \d+ routes on http:\/\/127\.0\.0\.1:\d+ with no authentication, for local development/);
      expect(started.stderr).not.toContain('warning');
      const json = await startAndStop(['--json']);
      expect(JSON.parse(json.line)).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/), authentication: 'none' });
    });

    it('counts only 127.0.0.0/8 and ::1 as loopback', () => {
      expect(['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1'].filter(isLoopback)).toHaveLength(4);
      expect(['0.0.0.0', '::', '10.0.0.7', '192.168.1.2', '::ffff:10.0.0.1', '1270.0.0.1'].filter(isLoopback)).toEqual([]);
    });

    it('with a warning on stderr when --host exposes it beyond loopback', async () => {
      const exposed = await startAndStop(['--host', '0.0.0.0']);
      expect(exposed.code).toBe(0);
      expect(exposed.line).toContain('http://0.0.0.0:');
      expect(exposed.stderr).toMatch(/edgecv: warning: listening on 0\.0\.0\.0:\d+, beyond this machine's loopback, and edgecv serve has NO AUTHENTICATION/);
      expect(exposed.stderr).toContain('Use the default --host 127.0.0.1');
    });
  });

  it('refuses an invalid port as a usage error', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const chunks: Buffer[] = [];
    stderr.on('data', (c: Buffer) => chunks.push(c));
    expect(await run({ argv: ['serve', '--port', 'http'], env: process.env, streams: { stdout, stderr } })).toBe(2);
    expect(Buffer.concat(chunks).toString()).toContain("option '--port <n>' argument 'http' is invalid. Expected a whole number from 0 to 65535.");
  });
});
