import fc from 'fast-check';
import { InvalidConfigError } from '../errors/InvalidConfigError';
import { KeyPrefix } from './KeyPrefix';
import { S3Key } from './S3Key';

describe('KeyPrefix: the one rule for a prefix a user gives', () => {
  it.each([
    ['', ''],
    ['team', 'team'],
    ['team/', 'team'],
    ['team-a/use_case.1', 'team-a/use_case.1'],
  ])('takes %p as %p', (raw, prefix) => {
    expect(KeyPrefix.parse(raw)).toBe(prefix);
  });

  it.each([
    ['/x', 'must not start with "/"'],
    ['/', 'must not start with "/"'],
    ['../x', 'segment ".." is not a valid segment'],
    ['x/./y', 'segment "." is not a valid segment'],
    ['a//b', 'must not contain "//"'],
    ['a//', 'must not contain "//"'],
    ['line\nbreak', 'is not a valid segment'],
    ['jobs/*', 'segment "*" is not a valid segment'],
    ['my team', 'is not a valid segment'],
  ])('refuses %p, naming the field and why', (raw, why) => {
    expect(() => KeyPrefix.parse(raw, '--prefix')).toThrow(InvalidConfigError);
    expect(() => KeyPrefix.parse(raw, '--prefix')).toThrow(why);
    expect(() => KeyPrefix.parse(raw, '--prefix')).toThrow('--prefix');
  });

  it('never rewrites a prefix beyond dropping one trailing "/" (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', '0', '.', '-', '_', '/', ' ', '*', '\n') }), (raw) => {
        let parsed: string;
        try {
          parsed = KeyPrefix.parse(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidConfigError);
          return;
        }
        expect(parsed === raw || `${parsed}/` === raw).toBe(true);
        // Whatever is accepted makes keys that are valid S3 keys under the layout's own rules.
        expect(() => S3Key.parse(`${KeyPrefix.folder(parsed)}x`)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
