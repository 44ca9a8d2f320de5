// Memory flat in the number of objects (issue 4 §1, DESIGN §6): a plan of 200,000 keys must fit in
// a JS heap far smaller than anything that grows per key. A 24 MiB old space holds about 120 bytes
// per key at this size, less than one journal entry, so any per-key state kept for the whole
// plan fails this test with an out-of-memory crash. The RSS figures are in the benchmark
// (tooling/bench/src/migrationPlanMemory.bench.ts), not here.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const KEYS = 200_000;
const BOUNDED_HEAP = ['--max-old-space-size=24', '--max-semi-space-size=1'];

interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function planInChild(env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...BOUNDED_HEAP, '--import', 'tsx', join(__dirname, 'planMigration.memory.child.fixture.ts')], {
      env: { ...process.env, PLAN_KEYS: String(KEYS), TSX_TSCONFIG_PATH: join(__dirname, 'crashChild.tsconfig.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('plan memory is flat in the number of objects', () => {
  it(`plans ${KEYS} keys inside a 24 MiB old space and a 1 MiB young generation`, async () => {
    const r = await planInChild({});
    expect(r.stderr).not.toMatch(/heap out of memory/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ planned: KEYS, retained: 0 });
  });

  it('the same limits stop a plan that keeps something for every key (the control)', async () => {
    const r = await planInChild({ RETAIN_PER_KEY: '1' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/heap out of memory/);
  });
});
