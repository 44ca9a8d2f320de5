import fc from 'fast-check';
import { InvalidTransitionError } from '../errors/InvalidTransitionError';
import {
  MIGRATION_EVENTS,
  MigrationRecord,
  canTransition,
  transition,
  type MigrationEventType,
  type MigrationStatus,
} from './MigrationRecord';

/** The model the record must follow: DESIGN §3's state machine, written out independently. */
function modelNext(status: MigrationStatus, failedFrom: MigrationStatus | undefined, event: MigrationEventType): MigrationStatus | undefined {
  const forward: Record<string, [MigrationStatus, MigrationStatus]> = {
    copied: ['planned', 'copied'],
    verified: ['copied', 'verified'],
    referenced: ['verified', 'referenced'],
    'source-deleted': ['referenced', 'source-deleted'],
  };
  if (event in forward) {
    const [from, to] = forward[event] as [MigrationStatus, MigrationStatus];
    return status === from ? to : undefined;
  }
  if (event === 'failed') return ['planned', 'copied', 'verified', 'referenced'].includes(status) ? 'failed' : undefined;
  if (event === 'retry') return status === 'failed' ? failedFrom : undefined;
  return status === 'rolled-back' ? undefined : 'rolled-back';
}

describe('MigrationRecord state machine', () => {
  it('over any sequence of events, only allowed transitions succeed and attempts never decrease', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...MIGRATION_EVENTS), { maxLength: 40 }), (events) => {
        let record = MigrationRecord.plan({
          oldKey: 'datasets//training-output/j/x',
          newKey: 'models/training/j/x',
          artifactType: 'training-output',
          size: 10,
          rule: 'training-output-under-datasets-double-slash',
        });
        let failedFrom: MigrationStatus | undefined;
        for (const event of events) {
          const expected = modelNext(record.status, failedFrom, event);
          expect(canTransition(record.status, event)).toBe(expected !== undefined);
          if (expected === undefined) {
            expect(() => transition(record, event)).toThrow(InvalidTransitionError);
            continue;
          }
          const next = transition(record, { type: event, error: 'boom' });
          expect(next.status).toBe(expected);
          expect(next.attempts).toBe(record.attempts + (event === 'failed' ? 1 : 0));
          expect(Object.isFrozen(next)).toBe(true);
          expect(next.oldKey).toBe(record.oldKey);
          expect(next.newKey).toBe(record.newKey);
          if (event === 'failed') {
            failedFrom = record.status;
            expect(next.error).toBe('boom');
          } else {
            expect(next.error).toBeUndefined();
          }
          record = next;
        }
        expect(MigrationRecord.isTerminal(record.status)).toBe(record.status === 'rolled-back');
      }),
      { numRuns: 500 },
    );
  });

  it('never changes the record it is given', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MIGRATION_EVENTS), (event) => {
        const record = MigrationRecord.plan({ oldKey: 'a', newKey: 'b', artifactType: 'dataset', size: 0, rule: 'r' });
        const before = JSON.stringify(record);
        try {
          transition(record, event);
        } catch {
          // refused transitions are covered above
        }
        expect(JSON.stringify(record)).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});
