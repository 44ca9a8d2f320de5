import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './testing/runCli';

describe('edgecv CLI contract', () => {
  describe('layout job-prefix', () => {
    it('prints jobs/N/yyyy/mm/dd/HHMMSS from created_at, in UTC', async () => {
      const r = await runCli(['layout', 'job-prefix', '--job-id', '12', '--created-at', '2025-10-23T23:15:00-02:00']);
      expect(r).toMatchObject({ code: 0, stdout: 'jobs/12/2025/10/24/011500\n' });
    });

    it('answers JSON with --json', async () => {
      const r = await runCli(['layout', 'job-prefix', '--job-id', '12', '--created-at', '2025-10-23T21:15:00Z', '--json']);
      expect(r.json()).toEqual([{ jobId: 12, createdAt: '2025-10-23T21:15:00.000Z', prefix: 'jobs/12/2025/10/23/211500' }]);
    });

    it.each([
      [['--job-id', 'twelve', '--created-at', '2025-10-23T21:15:00Z'], 'twelve'],
      [['--job-id', '12', '--created-at', '2025-13-45T00:00:00Z'], '2025-13-45T00:00:00Z'],
      [['--job-id', '12', '--created-at', '2025-10-23T21:15:00'], '2025-10-23T21:15:00'],
    ])('exits 2 with one line naming the bad input for %j', async (args, bad) => {
      const r = await runCli(['layout', 'job-prefix', ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(bad);
    });
  });

  describe('layout folders', () => {
    it('prints the s3:// URI of each folder, ending in /', async () => {
      const cases: [string[], string][] = [
        [['training', '--job', 'yolo-1', '--bucket', 'b-1'], 's3://b-1/models/training/yolo-1/'],
        [['compilation', '--job', 'c-1', '--bucket', 'b-1'], 's3://b-1/models/compilation/c-1/'],
        [['compilation', '--job', 'c-1', '--target', 'jetson_nano', '--bucket', 'b-1', '--prefix', 'team/a'], 's3://b-1/team/a/models/compilation/c-1/jetson_nano/'],
        [['deployment', '--name', 'line-7', '--bucket', 'b-1'], 's3://b-1/deployments/line-7/'],
        [['dataset', '--type', 'manifests', '--bucket', 'b-1', '--prefix', 'p/'], 's3://b-1/p/datasets/manifests/'],
      ];
      for (const [args, uri] of cases) {
        const r = await runCli(['layout', ...args]);
        expect({ args, code: r.code, out: r.stdout }).toEqual({ args, code: 0, out: `${uri}\n` });
      }
    });

    it('rejects a job name it would otherwise have to rewrite, naming it', async () => {
      const r = await runCli(['layout', 'training', '--job', 'my job/1', '--bucket', 'b-1']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('my job/1');
      expect(r.stdout).toBe('');
    });

    it('rejects an unknown dataset type and a bad bucket name', async () => {
      expect((await runCli(['layout', 'dataset', '--type', 'images', '--bucket', 'b-1'])).code).toBe(2);
      expect((await runCli(['layout', 'deployment', '--name', 'x', '--bucket', 'Bad_Bucket'])).code).toBe(2);
    });
  });

  describe('one prefix rule for every --prefix (issue 11 §6)', () => {
    const journal = path.join(tmpdir(), `edgecv-prefix-${process.pid}.jsonl`);
    it.each([
      ['a parent segment', '../x', 'segment ".." is not a valid segment'],
      ['a leading slash', '/x', 'must not start with "/"'],
      ['a newline', 'team\nx', 'is not a valid segment'],
      ['a wildcard', 'jobs/*', 'segment "*" is not a valid segment'],
    ])('refuses %s with exit 2 in layout, migrate plan and validate, before touching anything', async (_what, prefix, why) => {
      for (const args of [
        ['layout', 'training', '--job', 'j-1', '--bucket', 'b-1', '--prefix', prefix],
        ['migrate', 'plan', '--bucket', 'b-1', '--prefix', prefix, '--journal', journal],
        ['validate', '--bucket', 'b-1', '--prefix', prefix],
      ]) {
        const r = await runCli(args);
        expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
        expect(r.stderr).toContain(why);
        expect(r.stderr).toContain('[INVALID_CONFIG]');
      }
      expect(existsSync(journal)).toBe(false);
    });
  });

  describe('paths convert', () => {
    it('prints one JSON line per key with status, output and rule', async () => {
      const r = await runCli([
        'paths',
        'convert',
        'datasets//training-output/job-1/output/model.tar.gz',
        'models/training/job-1/output/model.tar.gz',
        'results/job_12/run_4.zip',
        '--json',
      ]);
      const lines = r.json();
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatchObject({ status: 'converted', output: 'models/training/job-1/output/model.tar.gz' });
      expect(typeof lines[0]?.rule).toBe('string');
      expect(lines[1]).toEqual({ input: 'models/training/job-1/output/model.tar.gz', status: 'conforming' });
      expect(lines[2]).toMatchObject({ status: 'needs-lookup', input: 'results/job_12/run_4.zip' });
      expect(r.code).toBe(0);
    });

    it('keeps spaces, +, % and non-ASCII of the key byte for byte', async () => {
      const key = 'training-output/job-1/out put+%20/Ünïcødé 文件.bin';
      const [line] = (await runCli(['paths', 'convert', key, '--json'])).json();
      expect(line).toMatchObject({ status: 'converted', output: 'models/training/job-1/out put+%20/Ünïcødé 文件.bin' });
    });

    it('exits 1 on a key that matches no rule, and 2 on an invalid key, still printing every line', async () => {
      const unknown = await runCli(['paths', 'convert', 'models/training/job-1/model.tar.gz', 'misc/notes.txt', '--json']);
      expect(unknown.code).toBe(1);
      expect(unknown.json().map((l) => l.status)).toEqual(['conforming', 'unknown']);
      expect(unknown.stderr).toContain('misc/notes.txt');

      const invalid = await runCli(['paths', 'convert', `training-output/job-1/${'x'.repeat(1100)}`, '--json']);
      expect(invalid.code).toBe(2);
      expect(invalid.json()[0]).toMatchObject({ status: 'invalid' });
    });
  });

  describe('usage', () => {
    it('exits 2 on an unknown option or command, with one line on stderr naming it', async () => {
      const r = await runCli(['layout', 'training', '--job', 'j', '--bucket', 'b-1', '--frobnicate']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--frobnicate');
      const c = await runCli(['migrat']);
      expect(c.code).toBe(2);
      expect(c.stderr).toContain('migrat');
    });

    it('exits 2 when a required option is missing', async () => {
      const r = await runCli(['layout', 'training', '--bucket', 'b-1']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--job');
    });

    it('has --help on every command, exiting 0', async () => {
      for (const args of [[], ['local'], ['local', 'start'], ['layout', 'job-prefix'], ['paths', 'convert'], ['demo']]) {
        const r = await runCli([...args, '--help']);
        expect({ args, code: r.code }).toEqual({ args, code: 0 });
        expect(r.stdout).toContain('Usage: edgecv');
      }
    });
  });
});
