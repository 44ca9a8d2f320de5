// The current state of every record of a JSONL journal, kept tiny: a status byte, an attempts
// counter and a flags byte per record in typed arrays indexed by record id, plus a sparse map for
// the few records that carry more (errors, in-flight copies, version ids on versioned buckets).
import { MIGRATION_STATUSES } from '@edgecv/domain';
import { COLLISION, type JournalRecordStatus, type RecordEvent } from '@edgecv/use-cases';

const STATUSES: readonly JournalRecordStatus[] = MIGRATION_STATUSES;
const STATUS_CODE = new Map(STATUSES.map((s, i) => [s, i]));

const TARGET_CREATED = 1;
const SOURCE_DELETED = 2;
/** A plan line gave this id: ids in a gap (a lost plan line) are not records. */
const PLANNED = 4;

export interface RecordExtra {
  error?: { code: string; message: string };
  failedFrom?: JournalRecordStatus;
  copyStartedAt?: string;
  targetVersionId?: string;
  deleteMarkerVersionId?: string;
}

export interface FoldedState {
  readonly status: JournalRecordStatus;
  readonly attempts: number;
  readonly targetCreated: boolean;
  readonly sourceDeleted: boolean;
  readonly extra?: RecordExtra;
}

export class JournalFold {
  private status = new Uint8Array(1024);
  private attempts = new Uint16Array(1024);
  private flags = new Uint8Array(1024);
  private readonly extras = new Map<number, RecordExtra>();
  private size = 0;

  get count(): number {
    return this.size;
  }

  addPlanned(id: number): void {
    this.grow(id + 1);
    this.status[id] = 0;
    this.flags[id] = PLANNED;
    this.size = Math.max(this.size, id + 1);
  }

  has(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.size && ((this.flags[id] ?? 0) & PLANNED) !== 0;
  }

  statusOf(id: number): JournalRecordStatus {
    return STATUSES[this.status[id] ?? 0] ?? 'planned';
  }

  /** False when the journal has no record `id`: the step is not applied. */
  apply(id: number, event: RecordEvent): boolean {
    if (!this.has(id)) return false;
    const extra = (): RecordExtra => {
      let e = this.extras.get(id);
      if (e === undefined) {
        e = {};
        this.extras.set(id, e);
      }
      return e;
    };
    const setStatus = (s: JournalRecordStatus): void => {
      this.status[id] = STATUS_CODE.get(s) ?? 0;
    };
    switch (event.type) {
      case 'copy-started':
        extra().copyStartedAt = event.at;
        this.attempts[id] = Math.min(0xffff, (this.attempts[id] ?? 0) + 1);
        break;
      case 'copied':
        setStatus('copied');
        if (event.created) this.flags[id] = (this.flags[id] ?? 0) | TARGET_CREATED;
        if (event.targetVersionId !== undefined) extra().targetVersionId = event.targetVersionId;
        this.clear(id, 'copyStartedAt');
        this.clear(id, 'error');
        break;
      case 'verified':
        setStatus('verified');
        break;
      case 'referenced':
        setStatus('referenced');
        break;
      case 'source-deleted':
        setStatus('source-deleted');
        this.flags[id] = (this.flags[id] ?? 0) | SOURCE_DELETED;
        if (event.deleteMarkerVersionId !== undefined) extra().deleteMarkerVersionId = event.deleteMarkerVersionId;
        break;
      case 'source-restored':
        this.flags[id] = (this.flags[id] ?? 0) & ~SOURCE_DELETED;
        this.clear(id, 'deleteMarkerVersionId');
        break;
      case 'target-removed':
        this.flags[id] = (this.flags[id] ?? 0) & ~TARGET_CREATED;
        this.clear(id, 'targetVersionId');
        break;
      case 'failed':
        if (this.statusOf(id) !== 'failed') extra().failedFrom = this.statusOf(id);
        setStatus('failed');
        // copyStartedAt stays: a failed attempt may still have written the target. Not after a
        // collision: the target is then not our copy, and a retry or rollback must not take it for ours.
        if (event.code === COLLISION) this.clear(id, 'copyStartedAt');
        extra().error = { code: event.code, message: event.message };
        break;
      case 'retry':
        setStatus(this.extras.get(id)?.failedFrom ?? 'planned');
        this.clear(id, 'error');
        this.clear(id, 'failedFrom');
        break;
      case 'rolled-back':
        setStatus('rolled-back');
        this.clear(id, 'copyStartedAt');
        break;
    }
    return true;
  }

  state(id: number): FoldedState {
    const flags = this.flags[id] ?? 0;
    const extra = this.extras.get(id);
    return {
      status: this.statusOf(id),
      attempts: this.attempts[id] ?? 0,
      targetCreated: (flags & TARGET_CREATED) !== 0,
      sourceDeleted: (flags & SOURCE_DELETED) !== 0,
      ...(extra === undefined ? {} : { extra }),
    };
  }

  private clear(id: number, field: keyof RecordExtra): void {
    const e = this.extras.get(id);
    if (e === undefined) return;
    delete e[field];
    if (Object.keys(e).length === 0) this.extras.delete(id);
  }

  private grow(min: number): void {
    if (min <= this.status.length) return;
    let cap = this.status.length;
    while (cap < min) cap *= 2;
    const s = new Uint8Array(cap);
    s.set(this.status);
    const a = new Uint16Array(cap);
    a.set(this.attempts);
    const f = new Uint8Array(cap);
    f.set(this.flags);
    this.status = s;
    this.attempts = a;
    this.flags = f;
  }
}
