/**
 * UTF-8 length of a string, computed by hand because the domain may not import Node built-ins
 * and S3's 1024 limit counts bytes, not UTF-16 code units. Returns -1 for a string holding a
 * lone surrogate: it has no UTF-8 encoding, and an SDK would silently turn it into U+FFFD.
 */
export function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return -1;
      bytes += 4;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return -1;
    else bytes += 3;
  }
  return bytes;
}
