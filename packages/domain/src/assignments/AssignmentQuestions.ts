// The questions of an assignment and a student's answers to them: the rules both the API and the
// portal rely on, in one place.
import { InvalidAnswersError, InvalidAssignmentError, type InputIssue } from './AssignmentInputErrors';

/**
 * How many questions an assignment may have, and how long a question, an answer or an id may be.
 */
export const QUESTION_LIMITS = /* @__PURE__ */ Object.freeze({ maxQuestions: 50, maxQuestionChars: 1000, maxAnswerChars: 5000, maxIdChars: 128 });

/** A student's answer to one question of an assignment. */
export interface StudentAnswer {
  readonly question: string;
  readonly answer: string;
}

function checkText(issues: InputIssue[], path: string, value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return void issues.push({ path, message: 'must be a string' });
  const trimmed = value.trim();
  if (trimmed === '') return void issues.push({ path, message: 'must not be blank' });
  if ([...trimmed].length > max) return void issues.push({ path, message: `must be at most ${max} characters` });
  return trimmed;
}

/**
 * The rules of an assignment's questions and a student's answers, which the API and the portal
 * share: parsing with every offending field named.
 */
export const AssignmentQuestions = /* @__PURE__ */ Object.freeze({
  /** 1..50 non-blank questions, trimmed; InvalidAssignmentError naming each bad one. */
  parse(value: unknown): readonly string[] {
    const L = QUESTION_LIMITS;
    if (!Array.isArray(value)) throw new InvalidAssignmentError([{ path: 'questions', message: 'must be a list of questions' }]);
    const issues: InputIssue[] = [];
    if (value.length === 0) issues.push({ path: 'questions', message: 'must hold at least one question' });
    if (value.length > L.maxQuestions) issues.push({ path: 'questions', message: `must hold at most ${L.maxQuestions} questions` });
    const questions = value.map((q: unknown, i) => checkText(issues, `questions.${i}`, q, L.maxQuestionChars));
    if (issues.length > 0) throw new InvalidAssignmentError(issues);
    return Object.freeze(questions as string[]);
  },

  /** A teacher or student id: 1..128 visible characters. */
  parsePersonId(path: 'teacherId' | 'studentId', value: unknown): string {
    const issues: InputIssue[] = [];
    const id = checkText(issues, path, value, QUESTION_LIMITS.maxIdChars);
    if (id !== undefined && [...id].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) issues.push({ path, message: 'must not contain control characters' });
    if (issues.length > 0 || id === undefined) {
      throw path === 'studentId' ? new InvalidAnswersError(issues) : new InvalidAssignmentError(issues);
    }
    return id;
  },

  /** One non-blank answer per question, in order; InvalidAnswersError naming each problem. */
  answer(questions: readonly string[], answers: unknown): readonly StudentAnswer[] {
    if (!Array.isArray(answers)) throw new InvalidAnswersError([{ path: 'answers', message: 'must be a list with one answer per question' }]);
    const issues: InputIssue[] = [];
    if (answers.length !== questions.length) issues.push({ path: 'answers', message: `expected ${questions.length} answer(s), got ${answers.length}` });
    const texts = answers.slice(0, questions.length).map((a: unknown, i) => checkText(issues, `answers.${i}`, a, QUESTION_LIMITS.maxAnswerChars));
    if (issues.length > 0) throw new InvalidAnswersError(issues);
    return Object.freeze(questions.map((question, i) => Object.freeze({ question, answer: texts[i] as string })));
  },
});
