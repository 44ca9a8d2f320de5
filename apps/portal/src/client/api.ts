// The API as the pages call it, and every failure turned into words a teacher or a student
// understands (spec 003 property 25), with the reference support needs (request or correlation id).

export interface Problem {
  readonly message: string;
  readonly reference?: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly problem: Problem,
    readonly status: number,
    readonly code?: string,
  ) {
    super(problem.message);
  }
}

const FIELD_NAMES: Record<string, string> = {
  prompt: 'The prompt',
  negativePrompt: 'What the picture must not show',
  teacherId: 'Your teacher id',
  studentId: 'Your student id',
  questions: 'The questions',
  answers: 'The answers',
  width: 'The picture size',
  height: 'The picture size',
};

const MESSAGES: Record<string, string> = {
  ASSIGNMENT_NOT_FOUND: 'This assignment does not exist. It may have been deleted.',
  INVALID_CURSOR: 'The list could not continue from there. Please reload the page.',
  PAYLOAD_TOO_LARGE: 'The picture is too large to upload.',
};

function base(): string {
  return document.querySelector('meta[name="edgecv-api"]')?.getAttribute('content') ?? '';
}

function describeIssues(issues: unknown): string | undefined {
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  const lines = issues.map((i: { path?: string; message?: string }) => {
    const root = (i.path ?? '').split('.')[0] ?? '';
    const index = /\.(\d+)$/.exec(i.path ?? '')?.[1];
    const name = FIELD_NAMES[root] ?? 'A field';
    return `${name}${index !== undefined ? ` (number ${Number(index) + 1})` : ''} ${i.message ?? 'is not valid'}.`;
  });
  return `Please check: ${lines.join(' ')}`;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base()}${path}`, {
      method,
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiProblem({ message: 'The portal cannot reach the server. Please check your connection and try again.' }, 0);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (res.ok) return parsed as T;
  const error = (parsed as { error?: { code?: string; userMessage?: string; requestId?: string; issues?: unknown } } | undefined)?.error;
  const code = error?.code;
  const message =
    error?.userMessage ??
    (code ? MESSAGES[code] : undefined) ??
    describeIssues(error?.issues) ??
    (res.status >= 500 ? 'Something went wrong on our side. Please try again in a moment.' : 'The request could not be completed. Please check what you entered.');
  throw new ApiProblem({ message, ...(error?.requestId ? { reference: error.requestId } : {}) }, res.status, code);
}

export function problemOf(error: unknown): Problem {
  if (error instanceof ApiProblem) return error.problem;
  return { message: 'Something went wrong. Please try again.' };
}
