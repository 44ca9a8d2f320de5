// The issues of a Powertools Parser ParseError, as edgecv's errors name them: `path` dotted into
// what was parsed ('' for the whole), and the message. Without an envelope its cause is the
// schema's standard-schema issues; with one, the ZodError that holds them.

export interface ParseIssue {
  readonly path: string;
  readonly message: string;
}

export function parseIssues(error: Error): ParseIssue[] {
  const cause = (error as Error & { cause?: unknown }).cause;
  const raw = (Array.isArray(cause) ? cause : ((cause as { issues?: unknown } | undefined)?.issues ?? [])) as { message: string; path?: readonly (PropertyKey | { key: PropertyKey })[] }[];
  return raw.map((i) => ({ path: (i.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.'), message: i.message }));
}
