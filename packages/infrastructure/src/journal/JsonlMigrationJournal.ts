// The default journal: one JSONL file on one machine, storing events (`{"t":"s"}` lines) that the
// domain's fold turns into records. Every append is written and fsynced before its promise
// resolves, appends issued together share one write and one fsync (group commit), a lock file
// keeps a second writer out, and a torn or damaged last line is cut and marked.
import { constants as fsConstants } from 'node:fs';
import { mkdir, open, stat, truncate, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { canApply, InvalidTransitionError, JournalLocation, type MigrationStatus } from '@edgecv/domain';
import {
  JournalCorruptError,
  JournalExistsError,
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
import { CompactRecordStates } from './CompactRecordStates';
import { JournalLockFile } from './JournalLockFile';
import { readJsonlLines } from './JsonlLines';
import { journalFileError } from './journalFileErrors';

const notAFile = (): Error => Object.assign(new Error('EISDIR: the journal location is a folder'), { code: 'EISDIR' });

type Line =
  | ({ t: 'h' } & JournalHeader)
  | ({ t: 'p'; i: number } & PlannedEntry)
  | { t: 's'; i: number; f: MigrationStatus; e: RecordEvent }
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

const EMPTY_REPORT: JournalReadReport = Object.freeze({ tornLines: 0, repairedTails: 0, unknownRecordSteps: 0, refusedSteps: 0 });

export class JsonlMigrationJournal implements MigrationJournal {
  readonly location: string;
  private handle: FileHandle | undefined;
  private readonly lock: JournalLockFile;
  /** The records' states while this object writes: steps are checked against it before they are appended. */
  private live: CompactRecordStates | undefined;
  private nextId = 0;
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private preparing: Promise<void> | undefined;
  /** A failed append: the file may be behind what was accepted, so nothing more is written. */
  private broken: unknown;
  private lastReport: JournalReadReport = EMPTY_REPORT;
  private readonly fsync: boolean;

  constructor(
    private readonly path: string,
    options: JsonlJournalOptions = {},
  ) {
    this.location = JournalLocation.print(JournalLocation.file(path));
    this.lock = new JournalLockFile(path);
    this.fsync = options.fsync ?? true;
  }

  async create(header: JournalHeader): Promise<void> {
    // A new journal may name a folder that does not exist yet (the CLI's default under .edgecv/migrations).
    try {
      await mkdir(dirname(this.path), { recursive: true });
      const fh = await open(this.path, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, 0o644);
      await fh.close();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
        if ((await stat(this.path)).isDirectory()) throw journalFileError(this.path, notAFile());
        throw new JournalExistsError(this.path);
      }
      throw journalFileError(this.path, e);
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
    const live = this.writable();
    const lines: Line[] = entries.map((entry) => {
      const i = this.nextId++;
      live.addPlanned(i);
      return { t: 'p', i, ...entry };
    });
    await this.append(lines);
    return lines.map((l) => String((l as { i: number }).i));
  }

  async record(steps: readonly RecordStep[]): Promise<{ readonly rejected: readonly RecordStep[] }> {
    await this.prepareWrite();
    const live = this.writable();
    // Nothing of the call applies when one step is not allowed at all (a caller's mistake).
    for (const s of steps) if (!canApply(s.from, s.event.type)) throw new InvalidTransitionError(s.from, s.event.type);
    const accepted: Line[] = [];
    const rejected: RecordStep[] = [];
    for (const s of steps) {
      const i = Number(s.id);
      if (live.apply(i, s.from, s.event) === 'applied') accepted.push({ t: 's', i, f: s.from, e: s.event });
      else rejected.push(s);
    }
    await this.append(accepted);
    return { rejected };
  }

  async recordReferenceChanges(changes: readonly ReferenceChange[]): Promise<void> {
    await this.prepareWrite();
    this.writable();
    await this.append(changes.map((c) => ({ t: 'r', ...c })));
  }

  async *records(): AsyncIterable<JournalRecord> {
    await this.drain();
    const states = this.live ?? (await this.foldFile());
    for await (const line of this.lines()) {
      if (line.t !== 'p') continue;
      const { t: _t, i, ...entry } = line;
      yield { ...entry, id: String(i), ...states.decode(i) };
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
      this.live = undefined;
      await this.lock.release();
    }
  }

  private writable(): CompactRecordStates {
    if (this.broken !== undefined) throw this.broken;
    if (this.live === undefined) throw new Error('journal written before prepareWrite');
    return this.live;
  }

  /** The records' states from the file, through the domain's fold; what the lines held is reported. */
  private async foldFile(): Promise<CompactRecordStates> {
    const states = new CompactRecordStates();
    let unknown = 0;
    let refused = 0;
    for await (const line of this.lines()) {
      if (line.t === 'p') states.addPlanned(line.i);
      else if (line.t === 's') {
        // Applied as the domain allows from the record's status: a step for a record the journal
        // does not have (a lost or edited plan line), or one its status refuses, is counted instead.
        const outcome = states.apply(line.i, undefined, line.e);
        if (outcome === 'unknown-record') unknown += 1;
        else if (outcome !== 'applied') refused += 1;
      }
    }
    this.lastReport = { ...this.lastReport, unknownRecordSteps: unknown, refusedSteps: refused };
    return states;
  }

  private async *lines(): AsyncGenerator<Line> {
    await this.drain();
    let found;
    try {
      found = await stat(this.path);
    } catch (e) {
      throw (e as NodeJS.ErrnoException).code === 'ENOENT' ? new JournalNotFoundError(this.path) : journalFileError(this.path, e);
    }
    if (found.isDirectory()) throw journalFileError(this.path, notAFile());
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

  /** First write of this object: take the lock, cut a torn tail, fold the records. Once, however many writers race. */
  private prepareWrite(): Promise<void> {
    this.preparing ??= this.openForWrite().catch((e: unknown) => {
      this.preparing = undefined;
      throw journalFileError(this.path, e);
    });
    return this.preparing;
  }

  private async openForWrite(): Promise<void> {
    // Before the lock, which would otherwise be left beside a folder named as the journal.
    if ((await stat(this.path).catch(() => undefined))?.isDirectory()) throw notAFile();
    await this.lock.take();
    try {
      await this.readForWrite();
    } catch (e) {
      await this.lock.release();
      throw e;
    }
  }

  private async readForWrite(): Promise<void> {
    let maxId = -1;
    let tornAt: number | undefined;
    let offset = 0;
    let repaired = 0;
    let unknown = 0;
    let refused = 0;
    const states = new CompactRecordStates();
    for await (const raw of readJsonlLines(this.path)) {
      const bytes = Buffer.byteLength(raw.text) + (raw.terminated ? 1 : 0);
      let line: Line;
      try {
        line = JSON.parse(raw.text) as Line;
      } catch {
        if (raw.terminated) throw new JournalCorruptError(this.path, raw.lineNo, 'unparsable line');
        tornAt = offset;
        offset += bytes;
        continue;
      }
      if (!raw.terminated) await this.appendNewline();
      if (line.t === 'p') {
        maxId = Math.max(maxId, line.i);
        states.addPlanned(line.i);
      } else if (line.t === 's') {
        const outcome = states.apply(line.i, undefined, line.e);
        if (outcome === 'unknown-record') unknown += 1;
        else if (outcome !== 'applied') refused += 1;
      } else if (line.t === 'd') repaired += 1;
      offset += bytes;
    }
    if (tornAt !== undefined) await truncate(this.path, tornAt);
    this.nextId = maxId + 1;
    this.live = states;
    this.handle = await open(this.path, 'a');
    if (tornAt !== undefined) {
      // The cut line may have announced a copy: the mark keeps that known to every later reader.
      await this.append([{ t: 'd', at: new Date().toISOString(), cut: offset - tornAt }]);
      repaired += 1;
    }
    this.lastReport = { tornLines: tornAt === undefined ? 0 : 1, repairedTails: repaired, unknownRecordSteps: unknown, refusedSteps: refused };
  }

  private async appendNewline(): Promise<void> {
    const fh = await open(this.path, 'a');
    try {
      await fh.write('\n');
    } finally {
      await fh.close();
    }
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
          this.broken ??= e;
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
