// One writer per JSONL journal: `FILE.lock` holds `pid:token` of the journal object that writes it.
// A live process's lock is refused (this process's too, when another journal object holds it); a
// lock left by a process that died (a crash, a SIGKILL) is taken over.
import { randomBytes } from 'node:crypto';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { JournalLockedError } from '@edgecv/use-cases';

export class JournalLockFile {
  private readonly token = `${process.pid}:${randomBytes(8).toString('hex')}`;
  private readonly path: string;

  constructor(private readonly journalPath: string) {
    this.path = `${journalPath}.lock`;
  }

  async take(): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await writeFile(this.path, this.token, { flag: 'wx' });
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const held = (await readFile(this.path, 'utf8').catch(() => '')).trim();
        if (held === this.token) return;
        // `pid:token` (a pid alone from older versions).
        const holder = Number(held.split(':')[0]);
        if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new JournalLockedError(this.journalPath, holder);
        await unlink(this.path).catch(() => undefined);
      }
    }
    throw new JournalLockedError(this.journalPath, -1);
  }

  /** Removes the lock file when it is still this object's. */
  async release(): Promise<void> {
    const held = await readFile(this.path, 'utf8').catch(() => '');
    if (held.trim() === this.token) await unlink(this.path).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
