// S3 orders keys by their UTF-8 bytes, which is code point order. JavaScript compares UTF-16
// code units, which differs for characters above U+FFFF (surrogates) against U+E000..U+FFFF.
// Comparing here spares the two buffers per comparison a listing of millions of keys would make.

/** Negative, zero or positive as `a` sorts before, with or after `b` in S3's key order. */
export function compareS3Keys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (0xD800-0xDFFF) encode code points above 0xFFFF: they sort after 0xE000-0xFFFF.
    if (x >= 0xd800 && y >= 0xd800) return rank(x) - rank(y);
    return x - y;
  }
  return a.length - b.length;
}

function rank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
