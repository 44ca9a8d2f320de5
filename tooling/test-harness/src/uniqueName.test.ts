import { uniqueName } from './aws';

const bucketName = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

describe('uniqueName', () => {
  it('never repeats a name within a worker', () => {
    const names = new Set(Array.from({ length: 1000 }, () => uniqueName('same')));
    expect(names.size).toBe(1000);
  });

  it.each(['bucket', 'Runs_Table', '--x--', '', 'a'.repeat(100), 'Ünïcode key/with spaces'])(
    'is a valid bucket and table name for the prefix %j',
    (prefix) => {
      const name = uniqueName(prefix);
      expect(name).toMatch(bucketName);
      expect(name).not.toContain('--');
    },
  );
});
