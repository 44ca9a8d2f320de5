import { InvalidTransitionError } from '../errors/InvalidTransitionError';
import { COLLISION, TRANSIENT, type MigrationEvent } from './MigrationEvent';
import { MigrationRecord } from './MigrationRecord';
import { canApply } from './MigrationTransitions';

const planned = MigrationRecord.planned('7', {
  oldKey: 'results/job_12/run_4.zip',
  newKey: 'jobs/12/2025/10/23/211500/run_4_results.zip',
  rule: 'run-results',
  artifactType: 'job-artifact',
  jobId: 12,
  size: 2048,
  etag: '"abc"',
});
const fold = (events: readonly MigrationEvent[]) => events.reduce((r, e) => MigrationRecord.apply(r, e), planned);
const started: MigrationEvent = { type: 'copy-started', at: '2026-01-01T00:00:00.000Z' };

describe('MigrationRecord', () => {
  it('starts planned, with no attempts, nothing created and nothing deleted', () => {
    expect(planned).toMatchObject({ id: '7', status: 'planned', attempts: 0, targetCreated: false, sourceDeleted: false, size: 2048 });
  });

  it('walks planned -> copied -> verified -> referenced -> source-deleted, leaving the record it is given as it was', () => {
    const done = fold([started, { type: 'copied', created: true, targetVersionId: 'v2' }, { type: 'verified', method: 'md5-etag' }, { type: 'referenced' }, { type: 'source-deleted', deleteMarkerVersionId: 'dm' }]);
    expect(done).toMatchObject({ status: 'source-deleted', attempts: 1, targetCreated: true, targetVersionId: 'v2', sourceDeleted: true, deleteMarkerVersionId: 'dm' });
    expect(done.copyStartedAt).toBeUndefined();
    expect(planned.status).toBe('planned');
  });

  it('refuses what its status does not allow, naming the record', () => {
    expect(() => fold([{ type: 'verified', method: 'md5-etag' }])).toThrow(InvalidTransitionError);
    expect(() => fold([{ type: 'retry' }])).toThrow(/"retry" is not allowed in status "planned" \(record "results\/job_12\/run_4.zip"\)/);
    expect(() => fold([{ type: 'rolled-back' }, { type: 'target-removed' }])).toThrow(InvalidTransitionError);
    expect(canApply('source-deleted', 'failed')).toBe(false);
  });

  it('counts copy attempts (one per copy-started, never reset), and resumes a failure where it failed', () => {
    const r = fold([started, { type: 'failed', code: TRANSIENT, message: '503' }, { type: 'retry' }, started, { type: 'copied', created: true }]);
    expect(r).toMatchObject({ status: 'copied', attempts: 2 });
    const afterVerify = fold([started, { type: 'copied', created: true }, { type: 'failed', code: 'VERIFY_MISMATCH', message: 'x' }]);
    expect(afterVerify).toMatchObject({ status: 'failed', failedFrom: 'copied', error: { code: 'VERIFY_MISMATCH' } });
    expect(MigrationRecord.apply(afterVerify, { type: 'retry' })).toMatchObject({ status: 'copied', attempts: 1 });
    expect(MigrationRecord.apply(afterVerify, { type: 'retry' }).error).toBeUndefined();
  });

  it('keeps a failed copy attempt (it may have landed) but forgets it after a collision (the target is not ours)', () => {
    expect(fold([started, { type: 'failed', code: TRANSIENT, message: 'reset' }, { type: 'retry' }]).copyStartedAt).toBe(started.at);
    expect(fold([started, { type: 'failed', code: COLLISION, message: 'other bytes' }]).copyStartedAt).toBeUndefined();
    expect(fold([started, { type: 'failed', code: COLLISION, message: 'other bytes' }, { type: 'retry' }]).copyStartedAt).toBeUndefined();
  });

  it('never unsets a created target by a later "already there" copy, only by rollback removing it', () => {
    const created = fold([started, { type: 'copied', created: true }, { type: 'failed', code: 'VERIFY_MISMATCH', message: 'x' }]);
    expect(created.targetCreated).toBe(true);
    expect(MigrationRecord.apply(created, { type: 'target-removed' })).toMatchObject({ targetCreated: false, status: 'failed' });
  });

  it('rolls back from every state but rolled-back, which is terminal', () => {
    for (const events of [[], [started, { type: 'copied', created: false }], [started, { type: 'failed', code: COLLISION, message: 'x' }]] as MigrationEvent[][]) {
      const r = MigrationRecord.apply(MigrationRecord.apply(fold(events), { type: 'source-restored' }), { type: 'rolled-back' });
      expect(r.status).toBe('rolled-back');
      expect(r.copyStartedAt).toBeUndefined();
    }
  });
});
