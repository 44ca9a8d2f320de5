// A migration journal held in memory, for the use cases' own tests and dry runs: the port's
// contract as the shared (DynamoDB) journal keeps it (steps conditioned on the status the writer
// saw, copy claims with a lease, shared and exclusive holders), with the domain's fold. Several
// journal objects on one InMemoryJournalStore behave as several processes on one journal.
import { canApply, InvalidTransitionError, MigrationRecord } from '@edgecv/domain';
import type {
  JournalAccess,
  JournalHeader,
  JournalReadReport,
  MigrationJournal,
  PlannedEntry,
  RecordStep,
  ReferenceChange,
} from '../ports/MigrationJournal';
import { JournalExistsError, JournalLockedError, JournalNotFoundError } from './MigrationErrors';

/** The journal itself; share one between journal objects to play several workers. */
export class InMemoryJournalStore {
  header: JournalHeader | undefined;
  readonly records = new Map<string, MigrationRecord>();
  readonly byOldKey = new Map<string, string>();
  readonly references: ReferenceChange[] = [];
  /** Who holds the journal, and how. */
  readonly holders = new Map<string, JournalAccess>();
  /** Live copy claims: record id -> worker. */
  readonly claims = new Map<string, { readonly worker: string; readonly at: number }>();
}

export interface InMemoryJournalOptions {
  readonly location?: string;
  /** A copy claimed longer ago than this may be taken over (default 5 minutes, as DynamoDB's). */
  readonly claimLeaseMs?: number;
  /** Names this journal object as a holder and claimer. */
  readonly holder?: string;
}

let objects = 0;

export class InMemoryMigrationJournal implements MigrationJournal {
  readonly location: string;
  private readonly holder: string;
  private readonly leaseMs: number;

  constructor(
    readonly store: InMemoryJournalStore = new InMemoryJournalStore(),
    options: InMemoryJournalOptions = {},
  ) {
    this.location = options.location ?? 'memory:journal';
    this.holder = options.holder ?? `memory-${++objects}`;
    this.leaseMs = options.claimLeaseMs ?? 5 * 60_000;
  }

  async acquire(access: JournalAccess): Promise<void> {
    for (const [holder, held] of this.store.holders) {
      if (holder !== this.holder && (access === 'exclusive' || held === 'exclusive')) throw new JournalLockedError(this.location, `${holder} (${held} access)`);
    }
    if (this.store.holders.get(this.holder) !== 'exclusive') this.store.holders.set(this.holder, access);
  }

  async create(header: JournalHeader): Promise<void> {
    if (this.store.header !== undefined) throw new JournalExistsError(this.location);
    this.store.header = header;
  }

  async header(): Promise<JournalHeader> {
    if (this.store.header === undefined) throw new JournalNotFoundError(this.location);
    return this.store.header;
  }

  async plan(entries: readonly PlannedEntry[]): Promise<readonly string[]> {
    return entries.map((entry) => {
      const id = String(this.store.records.size);
      this.store.records.set(id, MigrationRecord.planned(id, entry));
      this.store.byOldKey.set(entry.oldKey, id);
      return id;
    });
  }

  async record(steps: readonly RecordStep[]): Promise<{ readonly rejected: readonly RecordStep[] }> {
    for (const s of steps) if (!canApply(s.from, s.event.type)) throw new InvalidTransitionError(s.from, s.event.type, this.store.records.get(s.id)?.oldKey);
    const rejected: RecordStep[] = [];
    // As on a shared journal: once a step of a record is refused, its later steps in this call are too.
    const refusedIds = new Set<string>();
    for (const step of steps) {
      const record = this.store.records.get(step.id);
      if (record === undefined || refusedIds.has(step.id) || record.status !== step.from || this.claimLive(step)) {
        refusedIds.add(step.id);
        rejected.push(step);
        continue;
      }
      this.store.records.set(step.id, MigrationRecord.apply(record, step.event));
      if (step.event.type === 'copy-started') this.store.claims.set(step.id, { worker: this.holder, at: Date.parse(step.event.at) });
      // A claim covers the copy: any change of status ends it.
      else if (this.store.records.get(step.id)?.status !== record.status) this.store.claims.delete(step.id);
    }
    return { rejected };
  }

  /** A copy-started while a claim (anyone's, as on DynamoDB) is within its lease. */
  private claimLive(step: RecordStep): boolean {
    if (step.event.type !== 'copy-started') return false;
    const claim = this.store.claims.get(step.id);
    return claim !== undefined && claim.at >= Date.parse(step.event.at) - this.leaseMs;
  }

  async *records(): AsyncIterable<MigrationRecord> {
    if (this.store.header === undefined) throw new JournalNotFoundError(this.location);
    yield* [...this.store.records.values()];
  }

  async find(oldKey: string): Promise<MigrationRecord | undefined> {
    const id = this.store.byOldKey.get(oldKey);
    return id === undefined ? undefined : this.store.records.get(id);
  }

  async recordReferenceChanges(changes: readonly ReferenceChange[]): Promise<void> {
    this.store.references.push(...changes);
  }

  async *referenceChanges(): AsyncIterable<ReferenceChange> {
    yield* [...this.store.references];
  }

  readReport(): JournalReadReport {
    return { tornLines: 0, repairedTails: 0, unknownRecordSteps: 0, refusedSteps: 0 };
  }

  async close(): Promise<void> {
    this.store.holders.delete(this.holder);
  }
}
