import { InvalidConfigError } from '@edgecv/domain';
import { DEFAULT_GIVE_UP, giveUpPolicy, OutageWatch } from './OutageWatch';

describe('OutageWatch (when run gives up on a store that is down)', () => {
  it('gives up once every attempt has failed for the window, counted from the first failure after the last answer', () => {
    let now = 0;
    const watch = new OutageWatch({ afterSeconds: 10, afterRecords: 1000 }, () => now);
    expect(watch.attemptFailed('503')).toBeUndefined();
    now = 9_000;
    expect(watch.attemptFailed('503')).toBeUndefined();
    watch.answered(); // the store answered in between: a new window starts
    now = 15_000;
    expect(watch.attemptFailed('reset')).toBeUndefined();
    now = 24_999;
    expect(watch.attemptFailed('reset')).toBeUndefined();
    now = 25_000;
    expect(watch.attemptFailed('socket hang up')).toEqual({ reason: 'every-attempt-failed', failingForMs: 10_000, recordsInARow: 0, lastError: 'socket hang up' });
  });

  it('gives up once enough records in a row failed, and an answer starts the count again', () => {
    const watch = new OutageWatch({ afterSeconds: 3600, afterRecords: 3 }, () => 0);
    watch.attemptFailed('x');
    expect(watch.recordFailed()).toBeUndefined();
    expect(watch.recordFailed()).toBeUndefined();
    watch.answered();
    expect(watch.recordFailed()).toBeUndefined();
    expect(watch.recordFailed()).toBeUndefined();
    expect(watch.recordFailed()).toMatchObject({ reason: 'records-in-a-row-failed', recordsInARow: 3 });
  });

  it('takes its defaults from one place and refuses limits it cannot use', () => {
    expect(giveUpPolicy({})).toEqual(DEFAULT_GIVE_UP);
    expect(giveUpPolicy({ giveUpAfterSeconds: 0.5, giveUpAfterRecords: 2 })).toEqual({ afterSeconds: 0.5, afterRecords: 2 });
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 'soon' as unknown as number]) {
      expect(() => giveUpPolicy({ giveUpAfterSeconds: bad })).toThrow(InvalidConfigError);
    }
    for (const bad of [0, 2.5, -3, '4' as unknown as number]) {
      expect(() => giveUpPolicy({ giveUpAfterRecords: bad })).toThrow(/giveUpAfterRecords/);
    }
  });
});
