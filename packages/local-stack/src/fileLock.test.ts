import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { withFileLock } from './fileLock';

describe('withFileLock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'edgecv-lock-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('never lets two holders overlap', async () => {
    const lock = path.join(dir, '.lock');
    const events: string[] = [];
    const holder = (name: string) =>
      withFileLock(lock, async () => {
        events.push(`${name} in`);
        await sleep(50);
        events.push(`${name} out`);
      });

    await Promise.all([holder('a'), holder('b'), holder('c')]);

    for (let i = 0; i < events.length; i += 2) {
      expect(events[i]?.replace(' in', '')).toBe(events[i + 1]?.replace(' out', ''));
    }
    expect(events).toHaveLength(6);
  });

  it('takes over a lock whose owner process is gone', async () => {
    const lock = path.join(dir, '.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await fs.mkdir(lock);
    await fs.writeFile(path.join(lock, 'owner'), dead.stdout);

    await expect(withFileLock(lock, async () => 'ran', { timeoutMs: 2_000 })).resolves.toBe('ran');
    await expect(fs.access(lock)).rejects.toThrow();
  });

  it('waits for a live owner and gives up with a clear error after the timeout', async () => {
    const lock = path.join(dir, '.lock');
    await fs.mkdir(lock);
    await fs.writeFile(path.join(lock, 'owner'), String(process.pid));

    await expect(withFileLock(lock, async () => 'ran', { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'LOCAL_STACK_LOCK_TIMEOUT',
      lockDir: lock,
    });
  });
});
