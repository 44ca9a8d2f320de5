import { InvalidConfigError } from '../errors/InvalidConfigError';
import { InvalidTransitionError } from '../errors/InvalidTransitionError';
import { MigrationRecord, TERMINAL_STATUSES, transition } from './MigrationRecord';

const planned = MigrationRecord.plan({
  oldKey: 'results/job_12/run_4.zip',
  newKey: 'jobs/12/2025/10/23/211500/run_4_results.zip',
  artifactType: 'job-artifact',
  jobId: 12,
  size: 2048,
  rule: 'run-results',
  collisionGroup: 'job-artifact',
});

describe('MigrationRecord', () => {
  it('starts planned, with no attempts, frozen', () => {
    expect(planned).toMatchObject({ status: 'planned', attempts: 0, jobId: 12, size: 2048, rule: 'run-results' });
    expect(Object.isFrozen(planned)).toBe(true);
  });

  it('walks the forward path planned -> copied -> verified -> referenced -> source-deleted', () => {
    const copied = transition(planned, { type: 'copied', checksum: 'sha256:abc', versionId: 'v1' });
    expect(copied).toMatchObject({ status: 'copied', checksum: 'sha256:abc', versionId: 'v1' });
    const done = ['verified', 'referenced', 'source-deleted'].reduce(
      (r, e) => transition(r, e as 'verified'),
      copied,
    );
    expect(done.status).toBe('source-deleted');
    expect(planned.status).toBe('planned');
  });

  it('refuses to skip a step', () => {
    expect(() => transition(planned, 'verified')).toThrow(InvalidTransitionError);
    expect(() => transition(planned, 'source-deleted')).toThrow(/"source-deleted" is not allowed in status "planned"/);
  });

  it('counts failures and resumes the failed step on retry', () => {
    const copied = transition(planned, 'copied');
    const failed = transition(copied, { type: 'failed', error: 'checksum mismatch' });
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, error: 'checksum mismatch', failedFrom: 'copied' });
    const retried = transition(failed, 'retry');
    expect(retried).toMatchObject({ status: 'copied', attempts: 1 });
    expect(retried.error).toBeUndefined();
    expect(transition(transition(retried, 'failed'), 'retry').attempts).toBe(2);
  });

  it('rolls back from any state but rolled-back, which is terminal', () => {
    const deleted = ['copied', 'verified', 'referenced', 'source-deleted'].reduce(
      (r, e) => transition(r, e as 'copied'),
      planned,
    );
    const rolledBack = transition(deleted, 'rolled-back');
    expect(rolledBack.status).toBe('rolled-back');
    expect(TERMINAL_STATUSES).toEqual(['rolled-back']);
    for (const event of ['copied', 'failed', 'retry', 'rolled-back'] as const) {
      expect(() => transition(rolledBack, event)).toThrow(InvalidTransitionError);
    }
  });

  it('validates what it plans', () => {
    const base = { oldKey: 'a', newKey: 'b', artifactType: 'dataset' as const, size: 1, rule: 'r' };
    expect(() => MigrationRecord.plan({ ...base, newKey: 'a' })).toThrow(InvalidConfigError);
    expect(() => MigrationRecord.plan({ ...base, size: -1 })).toThrow(/size/);
    expect(() => MigrationRecord.plan({ ...base, artifactType: 'model' as 'dataset' })).toThrow(/artifactType/);
  });
});
