// What one listing says about many keys at once: the keys of a batch are looked up by listing
// the key range they span (one request per 1000 keys) instead of one HEAD each. The listing
// stops as soon as it would cost more requests than the HEADs of the keys it has not reached;
// those are left unresolved and the caller looks them up one by one.
import type { ObjectStore, ObjectSummary } from '../ports/ObjectStore';

const PAGE = 1000;

export interface KeyRangeScan {
  /** Every key the listing covered, with what it found there ([] when nothing: the key is absent). */
  readonly resolved: ReadonlyMap<string, readonly ObjectSummary[]>;
  /** LIST pages read. */
  readonly pages: number;
}

export async function scanKeyRange(
  store: ObjectStore,
  bucket: string,
  keys: Iterable<string>,
  options: { readonly versions?: boolean } = {},
): Promise<KeyRangeScan> {
  // S3 lists in UTF-8 byte order, which is not JavaScript's string order.
  const sorted = [...new Set(keys)].map((key) => ({ key, bytes: Buffer.from(key, 'utf8') })).sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  const resolved = new Map<string, ObjectSummary[]>();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) return { resolved, pages: 0 };
  const prefix = commonPrefix(first.key, last.key);
  // Just before the first key: the key without its last character sorts before it.
  const startAfter = Array.from(first.key).slice(0, -1).join('');
  let next = 0;
  let found: ObjectSummary[] = [];
  let listed = 0;
  let complete = true;
  let previous: Buffer | undefined;
  const passTo = (bytes: Buffer): void => {
    for (let k = sorted[next]; k !== undefined && Buffer.compare(k.bytes, bytes) < 0; k = sorted[++next]) {
      resolved.set(k.key, found);
      found = [];
    }
  };
  for await (const o of store.list(bucket, prefix, { pageSize: PAGE, ...(options.versions ? { versions: true } : {}), ...(startAfter.length > 0 ? { startAfter } : {}) })) {
    listed += 1;
    const bytes = Buffer.from(o.key, 'utf8');
    // Absence is only proven by a listing in key order; a store that lists otherwise proves nothing.
    if (previous !== undefined && Buffer.compare(previous, bytes) > 0) return { resolved: new Map(), pages: Math.ceil(listed / PAGE) };
    previous = bytes;
    passTo(bytes);
    const k = sorted[next];
    if (k === undefined) break;
    if (Buffer.compare(k.bytes, bytes) === 0) found.push(o);
    else if (listed % PAGE === 0 && Math.ceil(listed / PAGE) >= sorted.length - next) {
      // Another page would cost more than looking the remaining keys up one by one.
      complete = false;
      break;
    }
  }
  // 0xff never occurs in UTF-8: past every key.
  if (complete) passTo(Buffer.from([0xff]));
  return { resolved, pages: Math.max(1, Math.ceil(listed / PAGE)) };
}

function commonPrefix(a: string, b: string): string {
  const ca = Array.from(a);
  const cb = Array.from(b);
  let i = 0;
  while (i < ca.length && i < cb.length && ca[i] === cb[i]) i += 1;
  return ca.slice(0, i).join('');
}
