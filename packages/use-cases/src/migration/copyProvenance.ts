// Whether a target found in place is the migration's own copy, when the journal does not say so
// outright (a run killed between the copy and the journal entry that would have recorded it, or a
// journal whose announcing line was damaged). Rollback removes only the migration's own copies.
import type { ObjectHead } from '../ports/ObjectStore';

/** Clock skew tolerated between this machine and S3 when the copy's announcement survived. */
export const DEFAULT_CLOCK_SKEW_MS = 60_000;

/** The copy was announced at `startedAt` and the target was written since (within the skew). */
export function wasWrittenSince(head: { lastModified: Date }, startedAt: string | undefined, skewMs = DEFAULT_CLOCK_SKEW_MS): boolean {
  if (startedAt === undefined) return false;
  return head.lastModified.getTime() >= Date.parse(startedAt) - skewMs;
}

/**
 * A damaged journal may have lost a copy's announcement: then a target that holds the planned
 * source's bytes (checked by the caller) and was written after the plan is taken for ours. No
 * skew here, the other way round: an object that was there before the plan is never taken, and
 * since S3 keeps Last-Modified to the second, a copy made in the plan's own second is not either.
 */
export function writtenAfterPlan(head: Pick<ObjectHead, 'lastModified'>, plannedAt: string): boolean {
  return head.lastModified.getTime() > Date.parse(plannedAt);
}

/** The plan's time when the journal reports damage (the provenance check applies), else undefined. */
export function provenanceSince(report: { readonly tornLines: number; readonly repairedTails: number }, plannedAt: string): string | undefined {
  return report.tornLines + report.repairedTails > 0 ? plannedAt : undefined;
}
