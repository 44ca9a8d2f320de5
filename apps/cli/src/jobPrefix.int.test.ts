// Issue 12 §4: the CLI and the HTTP API give the same job the same prefix, the configured layout
// prefix included (the CLI used to print jobs/1/... where the API said team-a/jobs/1/...).
import { PassThrough } from 'node:stream';
import { Edgecv } from '@edgecv/container';
import { uniqueName } from '@edgecv/test-harness';
import { createOutput } from './io/output';
import { startServe } from './commands/serve';
import { runCli } from './testing/runCli';

describe('a job\'s prefix', () => {
  it('is the same from `jobs create` and from POST /jobs, with EDGECV_PATH_PREFIX applied by both', async () => {
    const bucket = uniqueName('prefix');
    const env = { ...process.env, EDGECV_ARTIFACT_BUCKET: bucket, EDGECV_TABLE_PREFIX: `${uniqueName('prefix')}-`, EDGECV_PATH_PREFIX: 'team-a' };
    const provisioning = Edgecv.fromEnv(env);
    await provisioning.provision();
    await provisioning.close();
    const createdAt = '2025-10-23T21:15:00Z';

    const cli = await runCli(['jobs', 'create', '--created-at', createdAt, '--json'], env);
    expect(cli.code).toBe(0);
    const [fromCli] = cli.json<{ id: number; prefix: string }>();

    const streams = { stdout: new PassThrough(), stderr: new PassThrough() };
    const api = await startServe({ port: 0, mlServices: 'simulated', logLevel: 'SILENT' }, { out: createOutput(streams), streams, env, cwd: process.cwd() });
    try {
      const res = await fetch(`${api.url}/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ createdAt }) });
      expect(res.status).toBe(201);
      const fromApi = (await res.json()) as { id: number; prefix: string };
      expect(fromCli?.prefix).toBe(`team-a/jobs/${fromCli?.id}/2025/10/23/211500`);
      expect(fromApi.prefix).toBe(`s3://${bucket}/team-a/jobs/${fromApi.id}/2025/10/23/211500/`);
      // One rule: the API's URI is the CLI's prefix in the bucket, for any job id.
      expect(fromApi.prefix.replace(`/${fromApi.id}/`, `/${fromCli?.id}/`)).toBe(`s3://${bucket}/${fromCli?.prefix}/`);
    } finally {
      await api.close();
    }
  });
});
