// `edgecv serve` as a user starts it: the Lambda handlers over HTTP on the test stack, until a signal stops it.
import { PassThrough } from 'node:stream';
import { Edgecv } from '@edgecv/container';
import { uniqueName } from '@edgecv/test-harness';
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

  it('refuses an invalid port as a usage error', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const chunks: Buffer[] = [];
    stderr.on('data', (c: Buffer) => chunks.push(c));
    expect(await run({ argv: ['serve', '--port', 'http'], env: process.env, streams: { stdout, stderr } })).toBe(2);
    expect(Buffer.concat(chunks).toString()).toContain('invalid --port "http"');
  });
});
