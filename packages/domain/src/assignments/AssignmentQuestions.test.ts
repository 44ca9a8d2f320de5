import { InvalidAnswersError, InvalidAssignmentError } from './AssignmentInputErrors';
import { AssignmentQuestions } from './AssignmentQuestions';

describe('AssignmentQuestions', () => {
  it('keeps 1..50 questions, trimmed, in order', () => {
    expect(AssignmentQuestions.parse([' What do you see? ', 'Which season is it?'])).toEqual(['What do you see?', 'Which season is it?']);
  });

  it.each([[[]], [['ok', '  ']], [[1]], ['one question'], [Array.from({ length: 51 }, () => 'q')], [['x'.repeat(1001)]]])('refuses %j as INVALID_ASSIGNMENT', (questions) => {
    expect(() => AssignmentQuestions.parse(questions)).toThrow(InvalidAssignmentError);
  });

  it('pairs one non-blank answer with each question', () => {
    expect(AssignmentQuestions.answer(['Q1', 'Q2'], [' a ', 'b'])).toEqual([
      { question: 'Q1', answer: 'a' },
      { question: 'Q2', answer: 'b' },
    ]);
  });

  it('refuses missing, extra, blank or non-text answers, naming each', () => {
    const issues = (answers: unknown) => {
      try {
        AssignmentQuestions.answer(['Q1', 'Q2'], answers);
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidAnswersError);
        return (e as InvalidAnswersError).issues.map((i) => i.path);
      }
      throw new Error('accepted');
    };
    expect(issues(['a'])).toEqual(['answers']);
    expect(issues(['a', 'b', 'c'])).toEqual(['answers']);
    expect(issues(['a', ' '])).toEqual(['answers.1']);
    expect(issues([1, 'b'])).toEqual(['answers.0']);
    expect(issues('a, b')).toEqual(['answers']);
  });

  it('accepts person ids of visible characters only', () => {
    expect(AssignmentQuestions.parsePersonId('teacherId', 'CloudAge-User')).toBe('CloudAge-User');
    expect(() => AssignmentQuestions.parsePersonId('teacherId', '')).toThrow(InvalidAssignmentError);
    expect(() => AssignmentQuestions.parsePersonId('studentId', 'a\u0000b')).toThrow(InvalidAnswersError);
  });
});
