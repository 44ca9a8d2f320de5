// Option values arrive as strings. Ids go through the domain's parsers, so an invalid one is
// rejected (exit 2) with a message naming exactly what the user typed.
import { JobId, KeyPrefix, RunId } from '@edgecv/domain';

export const jobIdOption = (raw: string): number => JobId.parse(raw);
export const runIdOption = (raw: string): number => RunId.parse(raw);

/** A whole number of seconds, or the raw text for the use case to reject by name. */
export function integerOption(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  return /^-?\d+$/.test(raw.trim()) ? Number(raw) : (raw as unknown as number);
}

/** A number (decimals allowed), or the raw text for the use case to reject by name. */
export function numberOption(raw: string): number {
  return /^-?(\d+\.?\d*|\.\d+)$/.test(raw.trim()) ? Number(raw) : (raw as unknown as number);
}
/** `--prefix` of a bucket scan (plan, validate): the domain's prefix rule, as the folder to list (`team/`). */
export const prefixOption = (raw: string): string => KeyPrefix.folder(KeyPrefix.parse(raw, '--prefix'));
