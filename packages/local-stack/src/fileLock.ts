import { EdgecvError } from '@edgecv/domain';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A cross-process lock made of a directory (mkdir is atomic), holding the owner's pid so a lock
 * left by a killed process is taken over instead of waited on forever.
 */
export async function withFileLock<T>(
  lockDir: string,
  work: () => Promise<T>,
  opts: { timeoutMs?: number; onWait?: () => void } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 15 * 60_000);
  await fs.mkdir(path.dirname(lockDir), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      await fs.mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(lockDir)) {
      await fs.rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new LockTimeoutError(lockDir);
    if (!announced) {
      opts.onWait?.();
      announced = true;
    }
    await sleep(200);
  }
  await fs.writeFile(path.join(lockDir, 'owner'), String(process.pid));
  try {
    return await work();
  } finally {
    await fs.rm(lockDir, { recursive: true, force: true });
  }
}

async function isStale(lockDir: string): Promise<boolean> {
  let owner: string;
  try {
    owner = await fs.readFile(path.join(lockDir, 'owner'), 'utf8');
  } catch {
    // Between the owner's mkdir and its write; only a crash makes this last.
    try {
      const stat = await fs.stat(lockDir);
      return Date.now() - stat.mtimeMs > 30_000;
    } catch {
      return false;
    }
  }
  return !isProcessAlive(Number(owner));
}

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class LockTimeoutError extends EdgecvError {
  readonly code = 'LOCAL_STACK_LOCK_TIMEOUT';
  constructor(readonly lockDir: string) {
    super(`timed out waiting for the lock ${lockDir} (remove it if no edgecv process is running)`);
    this.name = 'LockTimeoutError';
  }
}
