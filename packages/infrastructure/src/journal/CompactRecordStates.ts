// The JSONL journal's current state of every record, kept tiny: an encoding of the domain's
// RecordState in typed arrays indexed by record id (a status byte, a 32-bit attempts counter, a
// flags byte) plus a sparse map for the few records that carry more (errors, announced copies,
// version ids on versioned buckets). Every step goes through the domain's fold: decode, apply,
// encode. About 6 bytes per record, so a plan of millions of keys stays small.
import { canApply, MIGRATION_STATUSES, MigrationRecord, PLANNED_STATE, type MigrationEvent, type MigrationStatus, type RecordState } from '@edgecv/domain';

const STATUS_CODE = new Map(MIGRATION_STATUSES.map((s, i) => [s, i]));

/** A plan line gave this id: ids in a gap (a lost plan line) are not records. */
const PLANNED = 1;
const TARGET_CREATED = 2;
const SOURCE_DELETED = 4;

type Extra = Pick<RecordState, 'error' | 'failedFrom' | 'copyStartedAt' | 'targetVersionId' | 'deleteMarkerVersionId'>;
const EXTRA_FIELDS = ['error', 'failedFrom', 'copyStartedAt', 'targetVersionId', 'deleteMarkerVersionId'] as const;

/** What became of one step: applied, or why not (the journal has no such record; its status is not `from`; the domain does not allow it). */
export type StepOutcome = 'applied' | 'unknown-record' | 'stale' | 'not-allowed';

export class CompactRecordStates {
  private status = new Uint8Array(1024);
  private attempts = new Uint32Array(1024);
  private flags = new Uint8Array(1024);
  private readonly extras = new Map<number, Extra>();
  private size = 0;

  addPlanned(id: number): void {
    this.grow(id + 1);
    this.size = Math.max(this.size, id + 1);
    this.flags[id] = PLANNED;
    this.encode(id, PLANNED_STATE);
  }

  has(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < this.size && ((this.flags[id] ?? 0) & PLANNED) !== 0;
  }

  decode(id: number): RecordState {
    const flags = this.flags[id] ?? 0;
    return {
      status: MIGRATION_STATUSES[this.status[id] ?? 0] ?? 'planned',
      attempts: this.attempts[id] ?? 0,
      targetCreated: (flags & TARGET_CREATED) !== 0,
      sourceDeleted: (flags & SOURCE_DELETED) !== 0,
      ...this.extras.get(id),
    };
  }

  encode(id: number, state: RecordState): void {
    this.status[id] = STATUS_CODE.get(state.status) ?? 0;
    this.attempts[id] = state.attempts;
    this.flags[id] = PLANNED | (state.targetCreated ? TARGET_CREATED : 0) | (state.sourceDeleted ? SOURCE_DELETED : 0);
    const extra: Record<string, unknown> = {};
    for (const field of EXTRA_FIELDS) if (state[field] !== undefined) extra[field] = state[field];
    if (Object.keys(extra).length > 0) this.extras.set(id, extra as Extra);
    else this.extras.delete(id);
  }

  /**
   * One step through the domain's fold. With `from` (a write), the record must still have that
   * status; without (reading a journal back), only the domain's rules decide.
   */
  apply(id: number, from: MigrationStatus | undefined, event: MigrationEvent): StepOutcome {
    if (!this.has(id)) return 'unknown-record';
    const state = this.decode(id);
    if (from !== undefined && state.status !== from) return 'stale';
    if (!canApply(state.status, event.type)) return 'not-allowed';
    this.encode(id, MigrationRecord.apply(state, event));
    return 'applied';
  }

  private grow(min: number): void {
    if (min <= this.status.length) return;
    let cap = this.status.length;
    while (cap < min) cap *= 2;
    const s = new Uint8Array(cap);
    s.set(this.status);
    const a = new Uint32Array(cap);
    a.set(this.attempts);
    const f = new Uint8Array(cap);
    f.set(this.flags);
    this.status = s;
    this.attempts = a;
    this.flags = f;
  }
}
