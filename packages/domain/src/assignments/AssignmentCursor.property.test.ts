import fc from 'fast-check';
import { InvalidCursorError } from './AssignmentInputErrors';
import { AssignmentCursor } from './AssignmentCursor';

describe('AssignmentCursor', () => {
  it('round-trips: decode(encode(c)) equals c, for any position', () => {
    fc.assert(
      fc.property(fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }), fc.string({ minLength: 1, unit: 'grapheme' }), (createdAt, assignmentId) => {
        const cursor = { createdAt: Object.is(createdAt, -0) ? 0 : createdAt, assignmentId };
        expect(AssignmentCursor.decode(AssignmentCursor.encode(cursor))).toEqual(cursor);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses anything it did not hand out with INVALID_CURSOR', () => {
    for (const bad of ['', 'not a cursor', 'e30', AssignmentCursor.encode({ createdAt: 1, assignmentId: 'a' }).slice(0, -2) + '!!', 'W251bGwsIiJd']) {
      expect(() => AssignmentCursor.decode(bad)).toThrow(InvalidCursorError);
    }
  });
});
