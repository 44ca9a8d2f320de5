// Generated lives of one migration record for the journals' property tests: random walks over the
// events the domain allows (so copies announced twice, as after a crash, failures and retries,
// collisions, rollbacks at any stage), with now and then a stale step (a `from` the record no
// longer has) that every journal must refuse, changing nothing.
import { canApply, COLLISION, MIGRATION_EVENT_TYPES, MIGRATION_STATUSES, MigrationRecord, TRANSIENT, type MigrationEvent, type MigrationRecord as Record_, type MigrationStatus } from '@edgecv/domain';
import fc from 'fast-check';

export interface GeneratedStep {
  readonly from: MigrationStatus;
  readonly event: MigrationEvent;
  /** What a journal must do with it: apply it, or refuse it (its `from` is stale). */
  readonly expect: 'applied' | 'rejected';
}

interface Choice {
  readonly pick: number;
  readonly stale: boolean;
  readonly created: boolean;
  readonly version?: string;
  readonly code: string;
}

const choiceArb: fc.Arbitrary<Choice> = fc.record({
  pick: fc.nat(10_000),
  stale: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
  created: fc.boolean(),
  version: fc.option(fc.constantFrom('v1', 'v2', '3HL4kqtJvjVBH40Nrjfkd'), { nil: undefined }),
  code: fc.constantFrom(COLLISION, TRANSIENT, 'SOURCE_MISSING', 'VERIFY_MISMATCH'),
});

export const PLANNED_MOVE = Object.freeze({
  oldKey: 'datasets//training-output/job-1/output/model ü+%.tar.gz',
  newKey: 'models/training/job-1/output/model ü+%.tar.gz',
  rule: 'training-output-under-datasets-double-slash',
  artifactType: 'training-output',
  size: 42,
  etag: '"9e107d9d372bb6826bd81d3542a419d6"',
});

function eventOf(type: MigrationEvent['type'], c: Choice, n: number): MigrationEvent {
  switch (type) {
    case 'copy-started':
      // Later and later, as a worker's clock: a shared journal's claim lapses between two of them when its lease is 0.
      return { type, at: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(), worker: `w${c.pick % 3}` };
    case 'copied':
      return { type, created: c.created, ...(c.version !== undefined ? { targetVersionId: c.version } : {}) };
    case 'verified':
      return { type, method: c.created ? 'md5-etag' : 'streamed-sha256' };
    case 'source-deleted':
      return { type, ...(c.version !== undefined ? { deleteMarkerVersionId: c.version } : {}) };
    case 'failed':
      return { type, code: c.code, message: `${c.code.toLowerCase()} at step ${n}` };
    default:
      return { type } as MigrationEvent;
  }
}

/** The steps a list of choices makes, with the record the domain's fold gives after each. */
export function stepsOf(choices: readonly Choice[]): { steps: GeneratedStep[]; records: Record_[] } {
  let record = MigrationRecord.planned('0', PLANNED_MOVE);
  const steps: GeneratedStep[] = [];
  const records: Record_[] = [];
  choices.forEach((c, n) => {
    const status = record.status;
    if (c.stale) {
      // A step for a status the record does not have (what a worker that read it earlier sends).
      const others = MIGRATION_STATUSES.filter((s) => s !== status && MIGRATION_EVENT_TYPES.some((t) => canApply(s, t)));
      const from = others[c.pick % others.length] as MigrationStatus;
      const types = MIGRATION_EVENT_TYPES.filter((t) => canApply(from, t));
      steps.push({ from, event: eventOf(types[c.pick % types.length] as MigrationEvent['type'], c, n), expect: 'rejected' });
      records.push(record);
      return;
    }
    const types = MIGRATION_EVENT_TYPES.filter((t) => canApply(status, t));
    if (types.length === 0) return; // rolled back: nothing more happens
    const event = eventOf(types[c.pick % types.length] as MigrationEvent['type'], c, n);
    steps.push({ from: status, event, expect: 'applied' });
    record = MigrationRecord.apply(record, event);
    records.push(record);
  });
  return { steps, records };
}

/** Lives of up to `max` steps. */
export const recordLifeArb = (max = 20) => fc.array(choiceArb, { maxLength: max }).map(stepsOf);

/** The parts of a record its events decide, for comparing journals with the domain's fold. */
export function stateOf(r: Record_): Record<string, unknown> {
  const { status, attempts, error, failedFrom, copyStartedAt, targetCreated, targetVersionId, sourceDeleted, deleteMarkerVersionId } = r;
  return Object.fromEntries(Object.entries({ status, attempts, error, failedFrom, copyStartedAt, targetCreated, targetVersionId, sourceDeleted, deleteMarkerVersionId }).filter(([, v]) => v !== undefined));
}
