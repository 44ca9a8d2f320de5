// The issues of a Powertools Parser ParseError, as edgecv's errors name them ({path, message}): its
// cause is the ZodError when an envelope parsed, the schema's standard-schema issues otherwise.

export interface ParseIssue {
  /** Dotted path into what was parsed ('' for the whole). */
  readonly path: string;
  readonly message: string;
  /** The same path as segments. */
  readonly segments: readonly string[];
}

export function parseIssues(error: Error): ParseIssue[] {
  const cause = (error as Error & { cause?: unknown }).cause;
  const raw = (Array.isArray(cause) ? cause : ((cause as { issues?: unknown } | undefined)?.issues ?? [])) as { message: string; path?: readonly (PropertyKey | { key: PropertyKey })[] }[];
  return raw.map((i) => {
    const segments = (i.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p));
    return { path: segments.join('.'), message: i.message, segments };
  });
}
