import { InvalidSegmentError } from '../errors/InvalidSegmentError';
import { Segment } from './Segment';

describe('Segment validates user-supplied path segments and never rewrites them', () => {
  it.each(['job-1', 'Job_2.v3', 'a', '...', '.hidden', 'x'.repeat(255)])('accepts %p unchanged', (value) => {
    expect(Segment.parse('jobName', value)).toBe(value);
  });

  it.each([
    ['', /empty/],
    ['.', /must not be "\."/],
    ['..', /must not be "\.\."/],
    ['my job', /only letters/],
    ['a/b', /only letters/],
    ['naïve', /only letters/],
    ['a+b', /only letters/],
    ['x'.repeat(256), /at most 255/],
  ])('rejects %p with an error naming the field and the value', (value, reason) => {
    try {
      Segment.parse('deploymentName', value);
      throw new Error('expected a rejection');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidSegmentError);
      const error = e as InvalidSegmentError;
      expect(error.code).toBe('INVALID_SEGMENT');
      expect(error.field).toBe('deploymentName');
      expect(error.value).toBe(value);
      expect(error.reason).toMatch(reason);
      expect(error.message).toContain('deploymentName');
    }
  });

  it('rejects values that are not strings at runtime', () => {
    expect(() => Segment.parse('jobName', 12 as unknown as string)).toThrow(InvalidSegmentError);
    expect(Segment.isValid(undefined)).toBe(false);
  });
});
