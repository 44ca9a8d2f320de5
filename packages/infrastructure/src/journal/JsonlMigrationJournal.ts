// The default journal: one JSONL file on one machine. Every append is written and fsynced before
// its promise resolves, appends issued together share one write and one fsync (group commit), and
// a lock file keeps a second writer (another process, or another journal object on the same file)
// from writing it.
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { mkdir, open, readFile, stat, truncate, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  JournalCorruptError,
  JournalExistsError,
  JournalLockedError,
  JournalNotFoundError,
  type JournalAccess,
  type JournalHeader,
  type JournalReadReport,
  type JournalRecord,
  type MigrationJournal,
  type PlannedEntry,
  type RecordEvent,
  type RecordStep,
  type ReferenceChange,
} from '@edgecv/use-cases';
import { JournalFold } from './JournalFold';
import { readJsonlLines } from './JsonlLines';

type Line =
  | ({ t: 'h' } & JournalHeader)
  | ({ t: 'p'; i: number } & PlannedEntry)
  | { t: 's'; i: number; f: string; e: RecordEvent }
  | ({ t: 'r' } & ReferenceChange)
  /** A damaged tail was cut here: `cut` bytes that did not parse. */
  | { t: 'd'; at: string; cut: number };

interface Pending {
  readonly text: string;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

export interface JsonlJournalOptions {
  /** fsync every group commit (default true); the bench may turn it off to measure its cost. */
  readonly fsync?: boolean;
}

export class JsonlMigrationJournal implements MigrationJournal {
  readonly location: string;
  private handle: FileHandle | undefined;
  private nextId = -1;
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private preparing: Promise<void> | undefined;
  private lastReport: JournalReadReport = { tornLines: 0, repairedTails: 0, unknownRecordSteps: 0 };
  private readonly fsync: boolean;
  /** Names this journal object in the lock file: `pid:token`. */
  private readonly lockToken = `${process.pid}:${randomBytes(8).toString('hex')}`;

  constructor(
    private readonly path: string,
    options: JsonlJournalOptions = {},
  ) {
    this.location = path;
    this.fsync = options.fsync ?? true;
  }

  async create(header: JournalHeader): Promise<void> {
    // A new journal may name a folder that does not exist yet (the CLI's default under .edgecv/migrations).
    await mkdir(dirname(this.path), { recursive: true });
    try {
      const fh = await open(this.path, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, 0o644);
      await fh.close();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new JournalExistsError(this.path);
      throw e;
    }
    await this.prepareWrite();
    await this.append([{ t: 'h', ...header }]);
  }

  /** One writer at a time, whatever the access: the lock file. */
  async acquire(_access: JournalAccess): Promise<void> {
    await this.prepareWrite();
  }

  async header(): Promise<JournalHeader> {
    for await (const line of this.lines()) {
      if (line.t === 'h') {
        const { t: _t, ...header } = line;
        return header;
      }
      break;
    }
    throw new JournalCorruptError(this.path, 1, 'no header line');
  }

  async plan(entries: readonly PlannedEntry[]): Promise<readonly string[]> {
    await this.prepareWrite();
    const ids: string[] = [];
    const lines: Line[] = entries.map((entry) => {
      const i = this.nextId++;
      ids.push(String(i));
      return { t: 'p', i, ...entry };
    });
    await this.append(lines);
    return ids;
  }

  async record(steps: readonly RecordStep[]): Promise<{ readonly rejected: readonly RecordStep[] }> {
    await this.prepareWrite();
    await this.append(steps.map((s) => ({ t: 's', i: Number(s.id), f: s.from, e: s.event })));
    return { rejected: [] };
  }

  async recordReferenceChanges(changes: readonly ReferenceChange[]): Promise<void> {
    await this.prepareWrite();
    await this.append(changes.map((c) => ({ t: 'r', ...c })));
  }

  async *records(): AsyncIterable<JournalRecord> {
    const fold = await this.fold();
    for await (const line of this.lines()) {
      if (line.t !== 'p') continue;
      const { t: _t, i, ...entry } = line;
      const s = fold.state(i);
      yield {
        ...entry,
        id: String(i),
        status: s.status,
        attempts: s.attempts,
        targetCreated: s.targetCreated,
        sourceDeleted: s.sourceDeleted,
        ...(s.extra?.error ? { error: s.extra.error } : {}),
        ...(s.extra?.failedFrom ? { failedFrom: s.extra.failedFrom } : {}),
        ...(s.extra?.copyStartedAt ? { copyStartedAt: s.extra.copyStartedAt } : {}),
        ...(s.extra?.targetVersionId ? { targetVersionId: s.extra.targetVersionId } : {}),
        ...(s.extra?.deleteMarkerVersionId ? { deleteMarkerVersionId: s.extra.deleteMarkerVersionId } : {}),
      };
    }
  }

  async find(oldKey: string): Promise<JournalRecord | undefined> {
    for await (const r of this.records()) if (r.oldKey === oldKey) return r;
    return undefined;
  }

  async *referenceChanges(): AsyncIterable<ReferenceChange> {
    for await (const line of this.lines()) {
      if (line.t !== 'r') continue;
      const { t: _t, ...change } = line;
      yield change;
    }
  }

  readReport(): JournalReadReport {
    return this.lastReport;
  }

  async close(): Promise<void> {
    await this.drain();
    if (this.handle !== undefined) {
      await this.handle.close();
      this.handle = undefined;
      this.preparing = undefined;
      await this.unlock();
    }
  }

  private async fold(): Promise<JournalFold> {
    const fold = new JournalFold();
    let unknown = 0;
    for await (const line of this.lines()) {
      if (line.t === 'p') fold.addPlanned(line.i);
      // A step for a record the journal does not have (a lost or edited plan line) is counted, not applied.
      else if (line.t === 's' && !fold.apply(line.i, line.e)) unknown += 1;
    }
    this.lastReport = { ...this.lastReport, unknownRecordSteps: unknown };
    return fold;
  }

  private async *lines(): AsyncGenerator<Line> {
    await this.drain();
    try {
      await stat(this.path);
    } catch {
      throw new JournalNotFoundError(this.path);
    }
    let torn = 0;
    let repaired = 0;
    let pendingError: JournalCorruptError | undefined;
    for await (const raw of readJsonlLines(this.path)) {
      if (pendingError !== undefined) throw pendingError;
      let parsed: Line;
      try {
        parsed = JSON.parse(raw.text) as Line;
      } catch (e) {
        // Only the very last line may be torn; anything earlier is real corruption.
        pendingError = new JournalCorruptError(this.path, raw.lineNo, (e as Error).message);
        if (!raw.terminated) torn += 1;
        continue;
      }
      if (parsed.t === 'd') repaired += 1;
      yield parsed;
    }
    if (pendingError !== undefined && torn === 0) throw pendingError;
    this.lastReport = { ...this.lastReport, tornLines: torn, repairedTails: repaired };
  }

  /** First write of this process: take the lock, cut a torn tail, learn the next record id. Once, however many writers race. */
  private prepareWrite(): Promise<void> {
    this.preparing ??= this.openForWrite().catch((e: unknown) => {
      this.preparing = undefined;
      throw e;
    });
    return this.preparing;
  }

  private async openForWrite(): Promise<void> {
    await this.lock();
    try {
      await this.readForWrite();
    } catch (e) {
      await this.unlock();
      throw e;
    }
  }

  private async readForWrite(): Promise<void> {
    let maxId = -1;
    let tornAt: number | undefined;
    let offset = 0;
    let repaired = 0;
    for await (const raw of readJsonlLines(this.path)) {
      const bytes = Buffer.byteLength(raw.text) + (raw.terminated ? 1 : 0);
      try {
        const line = JSON.parse(raw.text) as Line;
        if (line.t === 'p') maxId = Math.max(maxId, line.i);
        if (line.t === 'd') repaired += 1;
        if (!raw.terminated) await writeFile(this.path, '\n', { flag: 'a' });
      } catch {
        if (raw.terminated) throw new JournalCorruptError(this.path, raw.lineNo, 'unparsable line');
        tornAt = offset;
      }
      offset += bytes;
    }
    if (tornAt !== undefined) await truncate(this.path, tornAt);
    this.nextId = Math.max(this.nextId, maxId + 1);
    this.handle = await open(this.path, 'a');
    if (tornAt !== undefined) {
      // The cut line may have announced a copy: the mark keeps that known to every later reader.
      await this.append([{ t: 'd', at: new Date().toISOString(), cut: offset - tornAt }]);
      repaired += 1;
    }
    this.lastReport = { ...this.lastReport, tornLines: tornAt === undefined ? 0 : 1, repairedTails: repaired };
  }

  private lockPath(): string {
    return `${this.path}.lock`;
  }

  private async lock(): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await writeFile(this.lockPath(), this.lockToken, { flag: 'wx' });
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const held = (await readFile(this.lockPath(), 'utf8').catch(() => '')).trim();
        if (held === this.lockToken) return;
        // `pid:token` (a pid alone from older versions): a live process holds it, this one included
        // when the token is another journal object's.
        const holder = Number(held.split(':')[0]);
        if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new JournalLockedError(this.path, holder);
        // A lock left by a process that died (a crash, a SIGKILL): take it over.
        await unlink(this.lockPath()).catch(() => undefined);
      }
    }
    throw new JournalLockedError(this.path, -1);
  }

  /** Removes the lock file when it is still this journal object's. */
  private async unlock(): Promise<void> {
    const held = await readFile(this.lockPath(), 'utf8').catch(() => '');
    if (held.trim() === this.lockToken) await unlink(this.lockPath()).catch(() => undefined);
  }

  private append(lines: readonly Line[]): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ text, resolve, reject });
      if (this.flushing === undefined) this.flushing = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          if (this.handle === undefined) throw new Error('journal written before prepareWrite');
          await this.handle.write(batch.map((p) => p.text).join(''));
          if (this.fsync) await this.handle.datasync();
          for (const p of batch) p.resolve();
        } catch (e) {
          for (const p of batch) p.reject(e);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private async drain(): Promise<void> {
    while (this.flushing !== undefined) await this.flushing;
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
