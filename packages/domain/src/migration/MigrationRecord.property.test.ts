import fc from 'fast-check';
import { InvalidTransitionError } from '../errors/InvalidTransitionError';
import { COLLISION, MIGRATION_STATUSES, type MigrationEvent, type MigrationEventType, type MigrationStatus } from './MigrationEvent';
import { MigrationRecord } from './MigrationRecord';

/** The state machine of DESIGN §3 and docs/migration-runbook.md, written out independently of MigrationTransitions. */
const ALLOWED_FROM: Record<MigrationEventType, readonly MigrationStatus[]> = {
  'copy-started': ['planned'],
  copied: ['planned'],
  verified: ['copied'],
  referenced: ['verified'],
  'source-deleted': ['referenced'],
  'source-restored': MIGRATION_STATUSES.filter((s) => s !== 'rolled-back'),
  'target-removed': MIGRATION_STATUSES.filter((s) => s !== 'rolled-back'),
  failed: ['planned', 'copied', 'verified', 'referenced'],
  retry: ['failed'],
  'rolled-back': MIGRATION_STATUSES.filter((s) => s !== 'rolled-back'),
};

const eventArb: fc.Arbitrary<MigrationEvent> = fc.oneof(
  fc.integer({ min: 0, max: 1e6 }).map((s) => ({ type: 'copy-started' as const, at: new Date(1_700_000_000_000 + s * 1000).toISOString() })),
  fc.record({ created: fc.boolean(), v: fc.option(fc.constantFrom('v1', 'v2'), { nil: undefined }) }).map(({ created, v }) => ({ type: 'copied' as const, created, ...(v ? { targetVersionId: v } : {}) })),
  fc.constant({ type: 'verified' as const, method: 'md5-etag' as const }),
  fc.constant({ type: 'referenced' as const }),
  fc.option(fc.constant('dm1'), { nil: undefined }).map((dm) => ({ type: 'source-deleted' as const, ...(dm ? { deleteMarkerVersionId: dm } : {}) })),
  fc.constant({ type: 'source-restored' as const }),
  fc.constant({ type: 'target-removed' as const }),
  fc.constantFrom(COLLISION, 'TRANSIENT', 'SOURCE_MISSING', 'VERIFY_MISMATCH').map((code) => ({ type: 'failed' as const, code, message: code.toLowerCase() })),
  fc.constant({ type: 'retry' as const }),
  fc.constant({ type: 'rolled-back' as const }),
);

const start = MigrationRecord.planned('0', { oldKey: 'training-output/j/a', newKey: 'models/training/j/a', rule: 'r', artifactType: 'training-output', size: 1, etag: 'e' });

describe('MigrationRecord.apply over any sequence of events', () => {
  it('accepts exactly the transitions the state machine allows, and each accepted event does what the model says', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        let record = start;
        // The model: status, failedFrom, copy attempts, the pending attempt and whether the target is ours.
        let model = { status: 'planned' as MigrationStatus, failedFrom: undefined as MigrationStatus | undefined, attempts: 0, pending: undefined as string | undefined, created: false };
        for (const event of events) {
          const before = JSON.stringify(record);
          if (!ALLOWED_FROM[event.type].includes(model.status)) {
            expect(() => MigrationRecord.apply(record, event)).toThrow(InvalidTransitionError);
            continue;
          }
          const next = MigrationRecord.apply(record, event);
          expect(JSON.stringify(record)).toBe(before);
          const m = { ...model };
          switch (event.type) {
            case 'copy-started':
              m.attempts += 1;
              m.pending = event.at;
              break;
            case 'copied':
              m.status = 'copied';
              m.pending = undefined;
              m.created ||= event.created;
              break;
            case 'failed':
              m.failedFrom = model.status;
              m.status = 'failed';
              if (event.code === COLLISION) m.pending = undefined;
              break;
            case 'retry':
              m.status = model.failedFrom ?? 'planned';
              m.failedFrom = undefined;
              break;
            case 'target-removed':
              m.created = false;
              break;
            case 'rolled-back':
              m.status = 'rolled-back';
              m.pending = undefined;
              break;
            case 'source-restored':
              break;
            default:
              m.status = event.type;
          }
          model = m;
          expect({ status: next.status, failedFrom: next.failedFrom, attempts: next.attempts, pending: next.copyStartedAt, created: next.targetCreated }).toEqual(model);
          expect(next.attempts).toBeGreaterThanOrEqual(record.attempts);
          // An error is there while failed (a rolled-back record keeps the one it had).
          if (next.status !== 'rolled-back') expect(next.error === undefined).toBe(next.status !== 'failed');
          expect(next.sourceDeleted).toBe(event.type === 'source-deleted' || (record.sourceDeleted && event.type !== 'source-restored'));
          expect({ oldKey: next.oldKey, newKey: next.newKey, size: next.size, id: next.id }).toEqual({ oldKey: start.oldKey, newKey: start.newKey, size: start.size, id: start.id });
          record = next;
        }
      }),
      { numRuns: 500 },
    );
  });
});
