// `edgecv loadtest` for a few seconds against the local API it starts: the JSON line, the
// report, and no errors. The 60 s / 50-user and spike figures are in docs/loadtest.md.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Edgecv } from '@edgecv/container';
import { uniqueName } from '@edgecv/test-harness';
import { runCli } from '../testing/runCli';

describe('edgecv loadtest', () => {
  it('runs the weighted image tasks and reports p50/p95/p99 per operation, throughput, error rate and an HTML report', async () => {
    const env = { ...process.env, EDGECV_ARTIFACT_BUCKET: uniqueName('load'), EDGECV_TABLE_PREFIX: `${uniqueName('load')}-` };
    const provisioning = Edgecv.fromEnv(env);
    await provisioning.provision();
    await provisioning.close();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'edgecv-loadtest-'));
    try {
      const report = path.join(dir, 'report.html');
      const result = await runCli(['loadtest', '--users', '4', '--spawn-rate', '4', '--duration', '4s', '--wait', '0.05-0.2', '--image-size', '256', '--report', report, '--json'], env);
      expect(result.stderr).not.toContain('error:');
      expect(result.code).toBe(0);
      const lines = result.json<{ operations: Record<string, { count: number; errors: number; p50: number; p95: number; p99: number }>; throughput: number; errorRate: number; report: string }>();
      const last = lines[lines.length - 1]!;
      // assignment_image_url is the key the output had before the list task was real (kept: a JSON
      // field is a contract); it and view_image_download are the two halves of a view.
      expect(Object.keys(last.operations).sort()).toEqual(['assignment_image_url', 'create_assignment_with_image', 'list_assignments', 'view_assignment_with_image', 'view_image_download']);
      expect(last.operations.assignment_image_url!.count).toBe(last.operations.view_assignment_with_image!.count);
      expect(last.operations.view_image_download!.count).toBe(last.operations.view_assignment_with_image!.count);
      for (const op of Object.values(last.operations)) {
        expect(op).toEqual({ count: expect.any(Number), errors: 0, p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number) });
        expect(op.p50).toBeLessThanOrEqual(op.p95);
        expect(op.p95).toBeLessThanOrEqual(op.p99);
      }
      expect(last.operations.view_assignment_with_image!.count).toBeGreaterThan(0);
      expect(last.errorRate).toBe(0);
      expect(last.throughput).toBeGreaterThan(0);
      expect(last.report).toBe(report);
      const html = await readFile(report, 'utf8');
      expect(html).toContain('<svg');
      expect(html).toContain('create_assignment_with_image');
      expect(html).not.toMatch(/<script|https?:\/\/cdn/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown scenario as a usage error', async () => {
    const result = await runCli(['loadtest', '--scenario', 'tsunami']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("option '--scenario <name>' argument 'tsunami' is invalid. Expected one of: baseline, stress, spike, endurance.");
  });
});
