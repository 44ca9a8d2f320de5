// What a destructive phase (cut-over, clean-up, rollback) would change, as its dry run lists it:
// one entry per reference rewritten, object deleted or object copied. The journal steps that go
// with them are not listed: they follow from these.
export type PlannedChange =
  /** A reference rewritten with a conditional write (from the URI it holds now). */
  | { readonly kind: 'reference'; readonly store: string; readonly recordId: string; readonly attribute: string; readonly from: string; readonly to: string }
  /** An object (or one version of it, or a delete marker) deleted. */
  | { readonly kind: 'delete'; readonly bucket: string; readonly key: string; readonly versionId?: string; readonly reason: string }
  /** An object copied server-side. */
  | { readonly kind: 'copy'; readonly bucket: string; readonly from: string; readonly to: string; readonly reason: string };

/** The number of changes of each kind, for a one-line summary. */
export function countChanges(changes: readonly PlannedChange[]): Record<PlannedChange['kind'], number> {
  const counts = { reference: 0, delete: 0, copy: 0 };
  for (const c of changes) counts[c.kind] += 1;
  return counts;
}
