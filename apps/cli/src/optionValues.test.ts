// Issue 13 §2: every numeric or enumerated option of every command refuses a value it cannot use
// as a usage error (exit 2) naming the option, the value and what it accepts, while the command
// line is parsed: no stack started, no journal opened or written, no file created.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './testing/runCli';

const NOT_WHOLE = ['0', 'abc', '-1', '1.5', '', ' 4', '1e3', '0x10'];

/** [command line before the option, option, values refused, what the message says is accepted]. */
const CASES: readonly [string[], string, string[], string][] = [
  [['migrate', 'plan', '--bucket', 'b-1', '--journal', 'new.jsonl'], '--list-concurrency', [...NOT_WHOLE, '257'], 'a whole number from 1 to 256'],
  [['migrate', 'run', '--journal', 'journal.jsonl'], '--concurrency', [...NOT_WHOLE, '1025'], 'a whole number from 1 to 1024'],
  [['migrate', 'run', '--journal', 'journal.jsonl'], '--give-up-after', ['0', 'abc', '-1', 'soon', '1e3', '86401'], 'a number above 0 up to 86400'],
  [['migrate', 'run', '--journal', 'journal.jsonl'], '--give-up-after-records', [...NOT_WHOLE, '1000001'], 'a whole number from 1 to 1000000'],
  [['migrate', 'export', '--journal', 'journal.jsonl', '--out', 'out.csv'], '--format', ['csv', 'S3-BATCH-CSV', ''], 'one of: s3-batch-csv'],
  [['images', 'optimize', 'a.png', '--out', 'out'], '--concurrency', [...NOT_WHOLE, '257'], 'a whole number from 1 to 256'],
  [['images', 'backfill'], '--concurrency', [...NOT_WHOLE, '257'], 'a whole number from 1 to 256'],
  [['jobs', 'artifacts', '--job-id', '1'], '--expires', [...NOT_WHOLE, '604801'], 'a whole number from 1 to 604800'],
  [['jobs', 'upload-location', '--job-id', '1', '--kind', 'job-input'], '--expires', [...NOT_WHOLE, '604801'], 'a whole number from 1 to 604800'],
  [['jobs', 'upload-location', '--job-id', '1'], '--kind', ['config', 'Job-Input', ''], 'one of: job-config, job-input, run-config'],
  [['serve'], '--port', ['abc', '-1', '1.5', '65536', ''], 'a whole number from 0 to 65535'],
  [['serve'], '--log-level', ['LOUD', ''], 'one of: DEBUG, INFO, WARN, ERROR, SILENT'],
  [['serve'], '--ml-services', ['fake', 'AWS'], 'one of: simulated, aws'],
  [['serve'], '--image-generator', ['dalle', ''], 'one of: local, bedrock'],
  [['loadtest'], '--users', [...NOT_WHOLE, '1001'], 'a whole number from 1 to 1000'],
  [['loadtest'], '--spawn-rate', ['0', 'abc', '-1', '0.001', '1001'], 'a number from 0.01 up to 1000'],
  [['loadtest'], '--duration', ['0', 'abc', '-1', '25h', '10d'], 'a duration above 0 up to 24h'],
  [['loadtest'], '--scenario', ['tsunami', 'Baseline'], 'one of: baseline, stress, spike, endurance'],
  [['loadtest'], '--wait', ['abc', '-1', '3-1', '601'], 'seconds from 0 to 600'],
  [['loadtest'], '--image-size', [...NOT_WHOLE, '7', '4097'], 'a whole number from 8 to 4096'],
  [['layout', 'dataset', '--bucket', 'b-1'], '--type', ['images', 'RAW', ''], 'one of: raw, manifests, labeled'],
];

/** Every file under `dir` with its bytes, to compare before and after. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const e of entries) {
    const full = path.join(e.parentPath, e.name);
    files[path.relative(dir, full)] = e.isFile() ? await readFile(full, 'utf8') : '<dir>';
  }
  return files;
}

describe('numeric and enumerated options refuse what they cannot use, changing nothing', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'edgecv-options-'));
    await writeFile(path.join(dir, 'journal.jsonl'), '{"t":"h","bucket":"b-1"}\n');
    await writeFile(path.join(dir, 'a.png'), 'not really a picture');
    // A local stack started by mistake would create its data folder here.
    env = { ...process.env, EDGECV_HOME: path.join(dir, '.edgecv') };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(CASES)('%j %s', async (before, option, values, accepted) => {
    const files = await snapshot(dir);
    for (const value of values) {
      const r = await runCli([...before, option, value], env, dir);
      expect({ value, code: r.code, stdout: r.stdout }).toEqual({ value, code: 2, stdout: '' });
      expect(r.stderr).toContain(`option '${option} `);
      expect(r.stderr).toContain(`argument '${value}' is invalid. Expected ${accepted}`);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(await snapshot(dir)).toEqual(files);
  });

  it('accepts every bound and the spellings it documents', async () => {
    // --help after valid values: parsed, then help (exit 0) before any action runs.
    for (const args of [
      ['migrate', 'run', '--journal', 'j', '--concurrency', '1024', '--give-up-after', '0.5', '--give-up-after-records', '1'],
      ['migrate', 'plan', '--bucket', 'b-1', '--list-concurrency', '256'],
      ['serve', '--port', '0', '--log-level', 'silent', '--ml-services', 'aws'],
      ['loadtest', '--users', '1000', '--spawn-rate', '0.01', '--duration', '24h', '--wait', '0', '--image-size', '8', '--scenario', 'spike'],
      ['jobs', 'upload-location', '--job-id', '1', '--kind', 'run-config', '--expires', '604800'],
    ]) {
      const r = await runCli([...args, '--help'], env, dir);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
    }
  });

  it('an id option is checked by the domain as the line is parsed, before any service is reached', async () => {
    const files = await snapshot(dir);
    for (const args of [
      ['jobs', 'artifacts', '--job-id', 'twelve'],
      ['runs', 'create', '--job-id', '0'],
      ['results', 'upload', '--job-id', '1', '--run-id', '-3', '--dir', '.'],
      ['layout', 'job-prefix', '--job-id', '1.5', '--created-at', '2025-10-23T21:15:00Z'],
    ]) {
      const r = await runCli(args, env, dir);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(r.stderr).not.toContain('local stack');
    }
    expect(await snapshot(dir)).toEqual(files);
  });
});
