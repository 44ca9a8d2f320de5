// Where to cut what is left of a large key range so its parts can be listed side by side. Only
// the keys already listed are known, so the cut is a guess from their shape: the keys of the last
// chunk varied from some character on (`...part-0000000` to `...part-0000999`), so the keys after
// it most likely vary at that character or the one before it, over the same kind of character
// (digits, lower- or upper-case letters). A bad guess costs a request on an empty part, never a
// key: the parts always cover the whole range, each key in exactly one.
import { compareS3Keys } from './s3KeyOrder';

/** Keys `k` with `after < k <= upTo` in S3's order; an absent bound is open. */
export interface KeyRange {
  readonly after?: string;
  readonly upTo?: string;
  /** `after` is a key the listing returned, not a cut point made up between keys. */
  readonly afterListed?: boolean;
}

const ALPHABETS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

/**
 * The parts of `rest` (what follows a chunk whose keys ran from `first` to `last`, so
 * `rest.after === last`), at most `maxParts`, in key order; `[rest]` when no cut is found.
 * `floor` is the length of the listing's prefix: every boundary keeps it.
 */
export function splitKeyRange(rest: KeyRange, first: string, last: string, floor: number, maxParts: number): KeyRange[] {
  if (maxParts < 2) return [rest];
  const varying = Math.min(commonPrefixLength(first, last), last.length - 1);
  // The keys from `first` to `last` filled the units of the varying character they span; a cut
  // there would make parts about as large as one of those units. One character up, each part
  // spans a whole alphabet of them.
  for (let pos = varying > floor ? varying - 1 : varying; pos >= floor; pos--) {
    const unit = last.charCodeAt(pos);
    const alphabet = ALPHABETS.find((a) => a.includes(String.fromCharCode(unit)));
    if (alphabet === undefined) continue;
    const stem = last.slice(0, pos);
    const boundaries = [...alphabet]
      .filter((c) => c.charCodeAt(0) > unit)
      .map((c) => stem + c)
      .filter((b) => rest.upTo === undefined || compareS3Keys(b, rest.upTo) < 0);
    if (boundaries.length === 0) continue;
    return rangesBetween(rest, spread(boundaries, maxParts - 1));
  }
  return [rest];
}

/** The ranges `rest` falls into at the given boundaries (ascending, all inside it). */
export function rangesBetween(rest: KeyRange, boundaries: readonly string[]): KeyRange[] {
  const ranges: KeyRange[] = [];
  let after = rest.after;
  let afterListed = rest.afterListed === true;
  const from = (): KeyRange => ({ ...(after !== undefined ? { after } : {}), ...(afterListed ? { afterListed } : {}) });
  for (const b of boundaries) {
    ranges.push({ ...from(), upTo: b });
    after = b;
    afterListed = false;
  }
  ranges.push({ ...from(), ...(rest.upTo !== undefined ? { upTo: rest.upTo } : {}) });
  return ranges;
}

/** At most `n` of the items, evenly spread over them, in their order. */
export function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  if (n <= 0) return [];
  return Array.from({ length: n }, (_, i) => items[Math.floor(((i + 1) * items.length) / (n + 1))] as T);
}

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
